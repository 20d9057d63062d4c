package io.refinery.designer.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import io.refinery.engine.dataset.SourcePreviews;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine said about one uploaded file, shown in the file's slot of the drop zone: the SHA-256 (first 12 hex
 * digits, all of them on hover and in the copy button) and the preview (first rows, how many rows collect will
 * quarantine and the first reasons) — or the engine's message when it refused the file.
 */
class UploadResult extends Div implements LocaleChangeObserver {
    static final int SHORT_SHA = 12;
    private static final int CELL_CHARS = 120;

    private final List<Runnable> texts = new ArrayList<>();

    /** A file the engine refused, with its message. */
    static UploadResult refused(String key, String message) {
        UploadResult result = new UploadResult(key);
        result.addClassName("refused");
        Span error = new Span(message);
        error.addClassName("upload-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)").set("font-size", "var(--lumo-font-size-s)");
        result.add(error);
        return result;
    }

    /** A stored file with its checksum and, when read, its preview (else {@code problem} says why not). */
    static UploadResult stored(String key, ChunkReceiver.Stored stored) {
        UploadResult result = new UploadResult(key);
        result.addClassName("stored");
        result.add(result.sha(stored.row().sha256()));
        SourcePreviews.SourcePreview preview = stored.preview();
        if (preview == null) {
            result.add(note(stored.problem()));
        } else if (preview.note() != null) {
            result.add(note(preview.note()));
        } else {
            result.preview(preview);
        }
        return result;
    }

    private UploadResult(String key) {
        getElement().setAttribute("slot", "file-" + key);
        getElement().setAttribute("data-key", key);
        getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)")
                .set("margin-top", "var(--lumo-space-xs)");
    }

    static String shortSha(String sha) {
        return sha.length() <= SHORT_SHA ? sha : sha.substring(0, SHORT_SHA) + "…";
    }

    private Div sha(String sha256) {
        Span label = new Span();
        Span value = new Span(shortSha(sha256));
        value.addClassName("sha256");
        value.getElement().setAttribute("title", sha256);
        value.getElement().setAttribute("data-sha256", sha256);
        value.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        Button copy = new Button();
        copy.addClassName("copy-sha");
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        copy.addClickListener(e -> {
            copy.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", sha256);
            copy.setText(getTranslation("sources.copied"));
        });
        texts.add(() -> {
            label.setText(getTranslation("sources.sha256"));
            copy.setText(getTranslation("sources.copy"));
        });
        Div row = new Div(label, value, copy);
        row.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)").set("align-items", "baseline")
                .set("font-size", "var(--lumo-font-size-s)");
        return row;
    }

    private void preview(SourcePreviews.SourcePreview preview) {
        Span accepted = new Span();
        accepted.addClassName("accepted");
        Span quarantined = new Span();
        quarantined.addClassName("quarantined");
        quarantined.getElement().setAttribute("data-count", String.valueOf(preview.quarantined()));
        if (preview.quarantined() > 0) {
            quarantined.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        Div summary = new Div(accepted, quarantined);
        summary.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)")
                .set("font-size", "var(--lumo-font-size-s)");
        texts.add(() -> {
            accepted.setText(getTranslation("sources.accepted", preview.accepted()));
            quarantined.setText(getTranslation("sources.quarantined", preview.quarantined()));
        });
        add(summary);

        if (!preview.rows().isEmpty()) {
            Grid<ObjectNode> rows = new Grid<>();
            rows.addClassName("preview-rows");
            for (String column : preview.columns()) {
                rows.addColumn(node -> cell(node.get(column))).setHeader(column).setAutoWidth(true).setResizable(true)
                        .setFlexGrow(0);
            }
            rows.getColumns().get(rows.getColumns().size() - 1).setFlexGrow(1); // the last one takes the rest
            rows.setItems(preview.rows());
            rows.setAllRowsVisible(true);
            rows.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            add(rows);
        }
        if (!preview.problems().isEmpty()) {
            Grid<SourcePreviews.Problem> problems = new Grid<>();
            problems.addClassName("preview-problems");
            var file = problems.addColumn(SourcePreviews.Problem::file).setAutoWidth(true).setFlexGrow(0);
            var line = problems.addColumn(SourcePreviews.Problem::line).setWidth("6em").setFlexGrow(0);
            var reason = problems.addColumn(SourcePreviews.Problem::reason).setFlexGrow(1);
            problems.setItems(preview.problems());
            problems.setAllRowsVisible(true);
            problems.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
            texts.add(() -> {
                file.setHeader(getTranslation("sources.problem.file"));
                line.setHeader(getTranslation("sources.problem.line"));
                reason.setHeader(getTranslation("sources.problem.reason"));
            });
            add(problems);
        }
    }

    private static Span note(String text) {
        Span note = new Span(text == null ? "" : text);
        note.addClassName("preview-note");
        note.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        return note;
    }

    /** A value of a previewed row as text: strings as they are, anything else as JSON, long ones cut. */
    static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.length() <= CELL_CHARS ? text : text.substring(0, CELL_CHARS) + "…";
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        texts.forEach(Runnable::run);
    }
}
