package io.refinery.designer.labeling.image;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.server.AbstractStreamResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Read-only: two annotators' boxes on one image, A in blue and B in orange, overlaid on one image or side by side,
 * each box tagged with its class and, when {@link BoxMatching} pairs it with a box of the other annotator, its IoU.
 * A summary line counts matches, mean IoU, boxes only one annotator drew and class disagreements. For the expert
 * review screen.
 */
public class BoxesView extends Composite<Div> implements LocaleChangeObserver, HasSize {
    public static final String COLOR_A = "#1e88e5";
    public static final String COLOR_B = "#fb8c00";

    /** How the two box lists are shown. */
    public enum Mode { OVERLAY, SIDE_BY_SIDE }

    private final BoxCanvas left = new BoxCanvas();
    private final BoxCanvas right = new BoxCanvas();
    private final HorizontalLayout canvases = new HorizontalLayout(left, right);
    private final Span legendA = legend(COLOR_A);
    private final Span legendB = legend(COLOR_B);
    private final Span summary = new Span();
    private Mode mode = Mode.OVERLAY;
    private List<Box> boxesA = List.of();
    private List<Box> boxesB = List.of();
    private String nameA;
    private String nameB;
    private double threshold = BoxMatching.DEFAULT_THRESHOLD;
    private BoxMatching.Result matching = BoxMatching.match(List.of(), List.of());

    public BoxesView() {
        Div root = getContent();
        root.addClassName("refinery-boxes-view");
        root.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)");
        root.setHeight("420px");
        left.setReadOnlyMode(true);
        right.setReadOnlyMode(true);
        left.getStyle().set("flex", "1 1 0");
        right.getStyle().set("flex", "1 1 0");
        left.addClassName("boxes-a");
        right.addClassName("boxes-b");
        canvases.setWidthFull();
        canvases.getStyle().set("flex", "1 1 auto");
        summary.addClassName("matching-summary");
        HorizontalLayout legend = new HorizontalLayout(legendA, legendB, summary);
        legend.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        legend.getStyle().set("flex-wrap", "wrap").set("font-size", "var(--lumo-font-size-s)");
        root.add(canvases, legend);
        setMode(Mode.OVERLAY);
    }

    private static Span legend(String color) {
        Span span = new Span();
        span.getStyle().set("border-left", "14px solid " + color).set("padding-left", "6px");
        return span;
    }

    public void setImage(String url) {
        left.setSrc(url);
        right.setSrc(url);
    }

    public void setImage(AbstractStreamResource resource) {
        left.setSrc(resource);
        right.setSrc(resource);
    }

    public void setLabels(List<String> labels) {
        left.setLabels(labels);
        right.setLabels(labels);
    }

    /** Names shown in the legend; {@code null} shows "Annotator A/B". */
    public void setAnnotatorNames(String a, String b) {
        nameA = a;
        nameB = b;
        updateTexts();
    }

    /** Minimum IoU for two boxes to count as the same object (default 0.5). */
    public void setThreshold(double threshold) {
        this.threshold = threshold;
        refresh();
    }

    /** The two annotators' boxes (image pixels); recomputes the matching. */
    public void setBoxes(List<Box> a, List<Box> b) {
        boxesA = List.copyOf(a);
        boxesB = List.copyOf(b);
        refresh();
    }

    public void setMode(Mode mode) {
        this.mode = mode;
        right.setVisible(mode == Mode.SIDE_BY_SIDE);
        refresh();
    }

    public Mode getMode() {
        return mode;
    }

    /** The matching behind the captions and the summary. */
    public BoxMatching.Result getMatching() {
        return matching;
    }

    private void refresh() {
        matching = BoxMatching.match(boxesA, boxesB, threshold);
        String[] captionA = new String[boxesA.size()];
        String[] captionB = new String[boxesB.size()];
        for (BoxMatching.Pair p : matching.pairs()) {
            String iou = String.format(Locale.ROOT, "IoU %.2f", p.iou());
            captionA[p.indexA()] = "A · " + iou;
            captionB[p.indexB()] = "B · " + iou;
        }
        List<BoxCanvas.Shown> shownA = shown(boxesA, COLOR_A, captionA, "A", false);
        // overlaid, B's tags go below its boxes: a perfect match would otherwise hide A's tag
        List<BoxCanvas.Shown> shownB = shown(boxesB, COLOR_B, captionB, "B", mode == Mode.OVERLAY);
        if (mode == Mode.OVERLAY) {
            List<BoxCanvas.Shown> both = new ArrayList<>(shownA);
            both.addAll(shownB);
            left.setBoxes(both);
        } else {
            left.setBoxes(shownA);
            right.setBoxes(shownB);
        }
        updateTexts();
    }

    private static List<BoxCanvas.Shown> shown(List<Box> boxes, String color, String[] captions, String who,
            boolean tagBelow) {
        List<BoxCanvas.Shown> out = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            out.add(new BoxCanvas.Shown(boxes.get(i), color, captions[i] == null ? who : captions[i],
                    tagBelow));
        }
        return out;
    }

    private void updateTexts() {
        legendA.setText(nameA != null ? nameA : getTranslation("image.review.annotator-a"));
        legendB.setText(nameB != null ? nameB : getTranslation("image.review.annotator-b"));
        summary.setText(getTranslation("image.review.summary", matching.pairs().size(),
                String.format(Locale.ROOT, "%.2f", matching.meanIou()), matching.unmatchedA().size(),
                matching.unmatchedB().size(), matching.labelDisagreements().size()));
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        updateTexts();
    }

    /** Summary text, for tests. */
    String summaryText() {
        return summary.getText();
    }
}
