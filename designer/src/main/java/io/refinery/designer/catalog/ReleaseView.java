package io.refinery.designer.catalog;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import io.refinery.designer.modeler.Times;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.catalog.Bundles;
import io.refinery.engine.catalog.Catalog;
import io.refinery.engine.catalog.Consumers;
import io.refinery.engine.catalog.ReleaseDiff;
import io.refinery.engine.catalog.UsageLog;
import io.refinery.engine.release.ReleaseService.Release;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One released version: who released it and when, how many items, and in tabs its quality report (the HTML page in a
 * sandboxed frame when the release has one, else the JSON), its datasheet, its manifest and a diff with another
 * version of the dataset.
 */
@Route(value = "catalog/release/:releaseId", layout = MainLayout.class)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN, Roles.EXPERT, Roles.CONSUMER})
public class ReleaseView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final transient Catalog catalog;
    private final transient ReleaseDiff diffs;
    private final transient Bundles bundles;
    private final transient UsageLog usage;
    private final HorizontalLayout header;
    private final CurrentUser user = CurrentUser.get();
    private final H2 title = new H2();
    private final Span facts = new Span();
    private final Span error = new Span();
    private final Sections tabs = new Sections("release-tabs");
    private Release release;

    ReleaseView(Catalog catalog, ReleaseDiff diffs, Bundles bundles, UsageLog usage) {
        this.catalog = catalog;
        this.diffs = diffs;
        this.bundles = bundles;
        this.usage = usage;
        setSizeFull();
        title.setId("release-title");
        facts.setId("release-facts");
        error.setId("release-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        tabs.setSizeFull();
        Anchor back = new Anchor("catalog", getTranslation("catalog.back"));
        back.setId("back-to-catalog");
        back.getStyle().set("white-space", "nowrap");
        header = new HorizontalLayout(title, facts, back);
        header.setWrap(true);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(error, header, tabs);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("releaseId").orElse("");
        try {
            release = catalog.release(user, Long.parseLong(id));
        } catch (NumberFormatException | ApiException e) {
            error.setText(getTranslation("catalog.release.unavailable", e instanceof ApiException ? e.getMessage() : id));
            tabs.setVisible(false);
            return;
        }
        title.setText(getTranslation("catalog.release.title", release.datasetName(), release.label()));
        facts.setText(getTranslation("catalog.release.facts", release.itemCount(), release.releasedBy(),
                Times.format(release.releasedAt())));
        download().ifPresent(header::add);
        tabs.add("tab-report", getTranslation("catalog.tab.report"), report());
        tabs.add("tab-datasheet", getTranslation("catalog.tab.datasheet"), datasheet());
        tabs.add("tab-manifest", getTranslation("catalog.tab.manifest"), manifest());
        tabs.add("tab-diff", getTranslation("catalog.tab.diff"), new DiffPanel(diffs, user, release, siblings()));
    }

    /** The whole release as a zip, for those who may read its data (a grant, or managers); logged as usage. */
    @SuppressWarnings("removal") // StreamResource: Anchor takes any AbstractStreamResource
    private java.util.Optional<Anchor> download() {
        try {
            catalog.readable(user, release.id());
        } catch (ApiException noGrant) {
            return java.util.Optional.empty();
        }
        Release readable = release;
        String consumer = Consumers.of(user);
        StreamResource zip = new StreamResource(Bundles.fileName(readable),
                (out, session) -> bundles.download(readable, out, consumer, usage));
        zip.setContentType("application/zip");
        Anchor link = new Anchor(zip, getTranslation("catalog.download"));
        link.setId("download-bundle");
        link.getStyle().set("white-space", "nowrap");
        link.getElement().setAttribute("download", true);
        return java.util.Optional.of(link);
    }

    private List<Release> siblings() {
        return catalog.datasets(user).stream().filter(d -> d.id() == release.datasetId()).findFirst()
                .map(Catalog.DatasetEntry::releases).orElse(List.of());
    }

    /**
     * The HTML report in a sandboxed frame (its scripts may draw charts, but cannot reach this page), given inline as
     * {@code srcdoc} (the report is one self-contained file); else the JSON report.
     */
    private Component report() {
        try {
            var html = catalog.text(user, release.id(), Catalog.REPORT_HTML);
            if (html.isPresent()) {
                IFrame frame = new IFrame();
                frame.setId("report-frame");
                frame.setSandbox(IFrame.SandboxType.ALLOW_SCRIPTS);
                frame.setWidthFull();
                frame.setHeight("70vh");
                frame.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)");
                frame.setSrcdoc(html.get());
                return frame;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text("report-json", Catalog.REPORT_JSON);
    }

    private Component datasheet() {
        return text("datasheet", Catalog.DATASHEET);
    }

    private Component text(String id, String name) {
        try {
            var text = catalog.text(user, release.id(), name);
            if (text.isEmpty()) {
                Span none = new Span(getTranslation("catalog.release.no-file", name));
                none.setId(id + "-missing");
                return none;
            }
            if (name.endsWith(".md")) {
                Component rendered = MarkdownText.render(text.get());
                rendered.setId(id);
                return rendered;
            }
            Pre pre = new Pre(text.get());
            pre.setId(id);
            pre.getStyle().set("white-space", "pre-wrap");
            return pre;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Component manifest() {
        Grid<Map<String, Object>> grid = new Grid<>();
        grid.setId("manifest-files");
        grid.addColumn(f -> String.valueOf(f.get("path"))).setHeader(getTranslation("catalog.manifest.path")).setFlexGrow(2);
        grid.addColumn(f -> String.valueOf(f.get("bytes"))).setHeader(getTranslation("catalog.manifest.bytes"));
        grid.addColumn(f -> String.valueOf(f.get("sha256"))).setHeader("SHA-256").setFlexGrow(4);
        try {
            Object files = catalog.manifest(user, release.id()).get("files");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = files instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
            grid.setItems(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        grid.setAllRowsVisible(true);
        return grid;
    }

    @Override
    public String getPageTitle() {
        return release == null ? getTranslation("catalog.title")
                : getTranslation("catalog.release.title", release.datasetName(), release.label());
    }
}
