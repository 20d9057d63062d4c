package io.refinery.designer.demand;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.refinery.designer.modeler.Times;
import io.refinery.engine.dataset.DemandList;
import java.util.List;
import java.util.Map;

/**
 * What a version has to build from, read-only: its source files (name, size, SHA-256 prefix, who uploaded them
 * when), the rows collected so far and the bad rows put in quarantine. Shown on a demand's page and on its approval.
 */
public class SourceSummary extends Div {

    public SourceSummary(String id, List<DemandList.Source> sources, Map<String, Object> counts) {
        setId(id);
        setWidthFull();
        Span summary = new Span(getTranslation("demand.sources.summary", sources.size(),
                number(counts, "raw_items"), number(counts, "quarantined")));
        summary.setId(id + "-summary");
        add(summary);
        if (sources.isEmpty()) {
            return;
        }
        Grid<DemandList.Source> files = new Grid<>();
        files.setId(id + "-files");
        files.addThemeVariants(GridVariant.LUMO_COMPACT);
        files.setAllRowsVisible(true);
        files.addColumn(DemandList.Source::name).setHeader(getTranslation("demand.sources.file")).setFlexGrow(2);
        files.addColumn(s -> size(s.bytes())).setHeader(getTranslation("demand.sources.size"));
        files.addColumn(s -> s.sha256() == null ? "" : s.sha256().substring(0, Math.min(12, s.sha256().length())))
                .setHeader("SHA-256");
        files.addColumn(s -> s.uploadedBy() + " · " + Times.format(s.uploadedAt()))
                .setHeader(getTranslation("demand.sources.uploaded")).setFlexGrow(2);
        files.setItems(sources);
        add(files);
    }

    static long number(Map<String, Object> counts, String key) {
        return counts.get(key) instanceof Number n ? n.longValue() : 0;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
