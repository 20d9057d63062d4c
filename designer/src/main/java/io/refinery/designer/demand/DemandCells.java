package io.refinery.designer.demand;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.refinery.engine.dataset.DemandList;

/** How a demand's state, process and progress look, in the list and on its page. */
final class DemandCells {
    private DemandCells() {
    }

    static String process(DemandList.Row r) {
        return r.processKey() == null ? "" : r.processKey() + (r.processVersion() == null ? "" : " v" + r.processVersion());
    }

    /** The state as a colored badge; the reason of a rejection or the changes asked for as its tooltip and text. */
    static Span state(DemandList.Row r) {
        Span badge = new Span(t("demand.state." + r.state()));
        String theme = switch (r.state()) {
            case RELEASED -> "badge success";
            case REJECTED, FAILING -> "badge error";
            case ABANDONED, ENDED -> "badge contrast";
            case RUNNING -> "badge";
        };
        badge.getElement().getThemeList().add(theme);
        badge.getElement().setAttribute("data-state", r.state().name());
        String note = note(r);
        if (note != null) {
            badge.setTitle(note);
            Span wrapper = new Span(badge, new Span(" " + note));
            wrapper.addClassName("demand-note");
            return wrapper;
        }
        return badge;
    }

    /** "Rejected: why" or "Changes asked for: what" in the user's language; null when neither. */
    static String note(DemandList.Row r) {
        if (r.rejectReason() != null) {
            return t("demand.note.rejected", r.rejectReason());
        }
        if (r.changesRequested() != null) {
            return t("demand.note.changes", r.changesRequested());
        }
        return null;
    }

    /** Labelled of the items as a bar, with the counts as text. */
    static Component progress(DemandList.Row r) {
        long items = SourceSummary.number(r.progress(), "items");
        long labelled = SourceSummary.number(r.progress(), "labelled");
        ProgressBar bar = new ProgressBar(0, Math.max(1, items), Math.min(labelled, Math.max(1, items)));
        bar.setWidth("120px");
        Span text = new Span(t("demands.progress.text", labelled, items,
                SourceSummary.number(r.progress(), "raw_items"), SourceSummary.number(r.progress(), "quarantined")));
        text.addClassName("demand-progress");
        HorizontalLayout cell = new HorizontalLayout(bar, text);
        cell.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        return cell;
    }

    private static String t(String key, Object... params) {
        return UI.getCurrent().getTranslation(key, params);
    }
}
