package io.refinery.designer.shell;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.Locale;

/**
 * Two distributions side by side, one row per class: its name, a bar for each side's share (grey: before / reference,
 * blue: after / new), and a note at the end (e.g. the count change). Hovering a bar shows its count and share.
 */
public class ShareBars extends Div {
    private static final String BEFORE = "var(--lumo-contrast-50pct)";
    private static final String AFTER = "var(--lumo-primary-color)";

    public ShareBars(String id, String beforeLabel, String afterLabel) {
        setId(id);
        getStyle().set("display", "grid").set("grid-template-columns", "minmax(120px, max-content) 1fr max-content")
                .set("gap", "4px 12px").set("align-items", "center").set("margin-top", "var(--lumo-space-m)")
                .set("max-width", "900px");
        add(legend(beforeLabel, BEFORE), legend(afterLabel, AFTER), new Span());
    }

    /** One class: shares in [0, 1] with their counts, and the note at the end of the row. */
    public void row(String label, double beforeShare, long before, double afterShare, long after, String note) {
        Span name = new Span(label);
        name.addClassName("class-name");
        Div pair = new Div(bar(beforeShare, before, BEFORE), bar(afterShare, after, AFTER));
        pair.addClassName("class-bars");
        Span delta = new Span(note);
        delta.addClassName("class-delta");
        add(name, pair, delta);
    }

    private static Div bar(double share, long count, String color) {
        Div bar = new Div();
        bar.addClassName("bar");
        bar.getStyle().set("height", "12px").set("margin", "2px 0").set("background", color)
                .set("border-radius", "3px").set("width", String.format(Locale.ROOT, "%.1f%%", Math.max(0.5, share * 100)));
        bar.getElement().setAttribute("title", count + " (" + String.format(Locale.ROOT, "%.1f%%", share * 100) + ")");
        return bar;
    }

    private static Span legend(String label, String color) {
        Span swatch = new Span();
        swatch.getStyle().set("display", "inline-block").set("width", "12px").set("height", "12px")
                .set("background", color).set("margin-right", "6px").set("border-radius", "2px");
        return new Span(swatch, new Span(label));
    }
}
