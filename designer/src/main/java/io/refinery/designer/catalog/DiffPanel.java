package io.refinery.designer.catalog;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import io.refinery.designer.shell.ShareBars;
import io.refinery.engine.catalog.ReleaseDiff;
import io.refinery.engine.release.ReleaseService.Release;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import java.util.List;
import java.util.Locale;

/**
 * Compares the shown version with another of the same dataset: items added, removed, relabelled (matched by content
 * hash), and the class shift drawn as paired bars (share of items per class in each version) with the total
 * variation distance.
 */
class DiffPanel extends VerticalLayout {
    private final transient ReleaseDiff diffs;
    private final transient CurrentUser user;
    private final Release release;
    private final Select<Release> other = new Select<>();
    private final Div result = new Div();

    DiffPanel(ReleaseDiff diffs, CurrentUser user, Release release, List<Release> siblings) {
        this.diffs = diffs;
        this.user = user;
        this.release = release;
        setPadding(false);
        other.setId("diff-other");
        other.setLabel(getTranslation("catalog.diff.with"));
        other.setItemLabelGenerator(Release::label);
        List<Release> choices = siblings.stream().filter(r -> r.id() != release.id()).toList();
        other.setItems(choices);
        other.addValueChangeListener(e -> show(e.getValue()));
        result.setId("diff-result");
        result.setWidthFull();
        add(other, result);
        if (choices.isEmpty()) {
            result.add(new Span(getTranslation("catalog.diff.none")));
        } else {
            other.setValue(choices.get(choices.size() - 1));
        }
    }

    private void show(Release with) {
        result.removeAll();
        if (with == null) {
            return;
        }
        boolean older = with.releasedAt().isBefore(release.releasedAt());
        Release from = older ? with : release;
        Release to = older ? release : with;
        ReleaseDiff.Diff diff;
        try {
            diff = diffs.diff(user, from.id(), to.id());
        } catch (ApiException e) {
            result.add(new Span(e.getMessage()));
            return;
        }
        Span heading = new Span(getTranslation("catalog.diff.heading", from.label(), to.label()));
        heading.getStyle().set("font-weight", "600");
        HorizontalLayout counts = new HorizontalLayout(
                count("diff-added", getTranslation("catalog.diff.added"), diff.added(), "success"),
                count("diff-removed", getTranslation("catalog.diff.removed"), diff.removed(), "error"),
                count("diff-relabelled", getTranslation("catalog.diff.relabelled"), diff.relabelled(), "contrast"),
                count("diff-unchanged", getTranslation("catalog.diff.unchanged"), diff.unchanged(), ""));
        Span tvd = new Span(getTranslation("catalog.diff.tvd", String.format(Locale.ROOT, "%.3f", diff.totalVariationDistance())));
        tvd.setId("diff-tvd");
        result.add(new Div(heading), counts, tvd, bars(diff, from.label(), to.label()));
    }

    private static Span count(String id, String label, long n, String theme) {
        Span span = new Span(label + ": " + n);
        span.setId(id);
        span.getElement().getThemeList().add("badge " + theme);
        return span;
    }

    /** One row per class: its name, a bar for each version's share, and the count change. */
    private static ShareBars bars(ReleaseDiff.Diff diff, String fromLabel, String toLabel) {
        ShareBars chart = new ShareBars("class-shift", fromLabel, toLabel);
        for (ReleaseDiff.ClassShift c : diff.classes()) {
            chart.row(c.label(), c.fromShare(), c.from(), c.toShare(), c.to(), (c.delta() > 0 ? "+" : "") + c.delta());
        }
        return chart;
    }
}
