package io.refinery.designer.sources;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.shared.Registration;
import io.refinery.designer.modeler.Times;
import io.refinery.engine.dataset.DatasetRepository;
import io.refinery.engine.dataset.SourcePreviews;
import io.refinery.engine.dataset.SourceUploads;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands source files of a dataset version to the engine from the browser, for pages to embed (the demand's page, the
 * approval): drop one or many files on the zone or choose them; each goes up in chunks ({@link #DEFAULT_CHUNK_BYTES})
 * through the Vaadin session, resumably (after a failed chunk the browser asks how much arrived and goes on from
 * there), with its progress, speed and time left; then its SHA-256 and a preview of its rows (and how many collect
 * will quarantine, with the first reasons), or the engine's message when it refuses the file. Below, the version's
 * sources. The engine ({@link SourceUploads}) checks everything: names, formats, sizes, who may upload.
 */
public class SourceUploadPanel extends Composite<VerticalLayout> implements LocaleChangeObserver {
    /** The chunk size browsers use unless told otherwise. */
    public static final int DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
    /** What the file chooser offers; the engine decides what it takes. */
    static final String ACCEPT = ".jsonl,.ndjson,.csv,.parquet,.json,.xml,.zip,.png,.jpg,.jpeg,.gif,.webp";
    /** The keys of the texts the browser element shows ({@code sources.js.<key>}). */
    static final List<String> ELEMENT_TEXTS = List.of("drop", "waiting", "uploading", "retrying", "previewing",
            "done", "failed", "gaveUp", "cancelled", "cancel", "progress", "speed", "left", "seconds", "minutes",
            "hours");

    private final long versionId;
    private final SourceUploads uploads;
    private final ChunkReceiver receiver;
    private final SourceUploadElement element = new SourceUploadElement();
    private final H3 title = new H3();
    private final Button choose = new Button();
    private final Span hint = new Span();
    private final H4 listTitle = new H4();
    private final Grid<DatasetRepository.SourceRow> sources = new Grid<>();
    private final Span empty = new Span();
    private final List<Consumer<DatasetRepository.SourceRow>> storedListeners = new ArrayList<>();
    private final List<Grid.Column<DatasetRepository.SourceRow>> columns = new ArrayList<>();

    public SourceUploadPanel(long versionId, SourceUploads uploads, SourcePreviews previews) {
        this.versionId = versionId;
        this.uploads = uploads;
        this.receiver = new ChunkReceiver(uploads, previews, versionId);
        VerticalLayout layout = getContent();
        layout.setPadding(false);
        layout.addClassName("source-upload-panel");
        setId("source-upload-" + versionId);

        element.setId("source-upload");
        element.setTarget(receiver);
        element.setChunkSize(DEFAULT_CHUNK_BYTES);
        element.getStyle().set("width", "100%");
        choose.setId("source-choose");
        choose.setIcon(VaadinIcon.UPLOAD.create());
        choose.getElement().setAttribute("slot", "choose");
        Element input = new Element("input");
        input.setAttribute("type", "file");
        input.setAttribute("multiple", true);
        input.setAttribute("accept", ACCEPT);
        input.setAttribute("id", "source-file-input");
        input.setAttribute("slot", "input");
        // out of sight but in the page (Selenium's sendKeys and the button's click reach it)
        input.getStyle().set("position", "absolute").set("width", "1px").set("height", "1px").set("opacity", "0")
                .set("overflow", "hidden");
        hint.getElement().setAttribute("slot", "hint");
        element.getElement().appendChild(choose.getElement(), input, hint.getElement());
        element.onDone(this::stored);
        element.onFailed(this::refused);

        sources.setId("source-list");
        columns.add(sources.addColumn(DatasetRepository.SourceRow::name).setAutoWidth(true).setFlexGrow(1));
        columns.add(sources.addColumn(s -> bytes(s.bytes(), getLocale())).setAutoWidth(true));
        columns.add(sources.addColumn(s -> UploadResult.shortSha(s.sha256())).setAutoWidth(true)
                .setTooltipGenerator(DatasetRepository.SourceRow::sha256));
        columns.add(sources.addColumn(DatasetRepository.SourceRow::uploadedBy).setAutoWidth(true));
        columns.add(sources.addColumn(s -> Times.format(s.uploadedAt())).setAutoWidth(true));
        sources.setAllRowsVisible(true);
        sources.addThemeVariants(GridVariant.LUMO_COMPACT);
        empty.addClassName("source-list-empty");
        empty.getStyle().set("color", "var(--lumo-secondary-text-color)");

        layout.add(title, element, listTitle, empty, sources);
        refresh();
    }

    /** Chunk size the browser uses (tests make it small). */
    public void setChunkSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1 byte, got " + bytes);
        }
        element.setChunkSize(bytes);
    }

    /** Tests only: every {@code n}-th chunk is cut in half and reported as failed, so the upload resumes. */
    void setFaultEvery(int n) {
        element.setFaultEvery(n);
    }

    /** {@code listener} gets every source this panel stored, after the list shows it. */
    public Registration addSourceStoredListener(Consumer<DatasetRepository.SourceRow> listener) {
        storedListeners.add(listener);
        return () -> storedListeners.remove(listener);
    }

    /** Reads the version's sources again. */
    public void refresh() {
        List<DatasetRepository.SourceRow> rows = uploads.sources(versionId);
        sources.setItems(rows);
        sources.setVisible(!rows.isEmpty());
        empty.setVisible(rows.isEmpty());
    }

    public long getVersionId() {
        return versionId;
    }

    ChunkReceiver receiver() {
        return receiver;
    }

    SourceUploadElement element() {
        return element;
    }

    /** The browser finished file {@code key}: its result goes into the file's slot, the list is read again. */
    void stored(String key) {
        if (receiver.outcome(key) instanceof ChunkReceiver.Stored stored) {
            show(UploadResult.stored(key, stored));
            refresh();
            storedListeners.forEach(l -> l.accept(stored.row()));
        }
    }

    /** The engine refused file {@code key}: its message goes into the file's slot. */
    void refused(String key) {
        if (receiver.outcome(key) instanceof ChunkReceiver.Refused refused) {
            show(UploadResult.refused(key, refused.message()));
        }
    }

    private void show(UploadResult result) {
        String slot = result.getElement().getAttribute("slot");
        element.getChildren().filter(c -> slot.equals(c.getElement().getAttribute("slot")))
                .toList().forEach(c -> c.getElement().removeFromParent());
        element.getElement().appendChild(result.getElement());
    }

    /** {@code 1.5 MB} in the locale's digits. */
    static String bytes(long n, Locale locale) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        int digits = unit == 0 || value >= 100 ? 0 : 1;
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(value) + " " + units[unit];
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        title.setText(getTranslation("sources.title"));
        choose.setText(getTranslation("sources.choose"));
        hint.setText(getTranslation("sources.hint"));
        listTitle.setText(getTranslation("sources.list.title"));
        empty.setText(getTranslation("sources.list.empty"));
        String[] headers = {"name", "size", "sha256", "by", "at"};
        for (int i = 0; i < headers.length; i++) {
            columns.get(i).setHeader(getTranslation("sources.list." + headers[i]));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        ELEMENT_TEXTS.forEach(k -> texts.put(k, getTranslation("sources.js." + k)));
        element.setTexts(texts);
        sources.getDataProvider().refreshAll();
    }
}
