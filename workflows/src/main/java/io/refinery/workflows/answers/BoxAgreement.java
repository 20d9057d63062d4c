package io.refinery.workflows.answers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When two annotators' boxes on one picture agree, defined once for QC (the workers' agreement and gold scores) and
 * the review screens (the designer's side-by-side view). Boxes are matched greedily in descending IoU (ties: lower
 * index of A, then of B), each box at most once: the matching PASCAL VOC and COCO evaluations use. A matched pair
 * with IoU ≥ {@link #HIT_IOU} is the same object.
 */
public final class BoxAgreement {
    /** IoU from which a matched pair counts as the same object (the common detection threshold). */
    public static final double HIT_IOU = 0.5;

    /** An axis-aligned box in image pixels; {@code label} may be null while no class is picked. */
    public record Box(double x, double y, double w, double h, String label) {
    }

    /** A matched pair: indexes into the two lists and their IoU. */
    public record Pair(int indexA, int indexB, double iou) {
    }

    /**
     * The agreement score of two box answers (same-label matching).
     *
     * @param matched pairs matched (IoU &gt; 0, same label)
     * @param iouSum  sum of their IoU
     * @param hits    of those, pairs with IoU ≥ {@link #HIT_IOU}
     * @param boxesA  boxes of the first annotator
     * @param boxesB  boxes of the second
     */
    public record Score(int matched, double iouSum, int hits, int boxesA, int boxesB) {
        /** F1 at IoU ≥ 0.5: 2·hits / (boxesA + boxesB); 1.0 when neither drew a box. */
        public double f1() {
            return boxesA + boxesB == 0 ? 1.0 : 2.0 * hits / (boxesA + boxesB);
        }
    }

    private BoxAgreement() {
    }

    /** Intersection over union; 0 when both boxes are empty. */
    public static double iou(Box a, Box b) {
        double ix = Math.max(0, Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y()));
        double inter = ix * iy;
        double union = a.w() * a.h() + b.w() * b.h() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /**
     * The greedy matching of pairs with IoU &gt; 0 and ≥ {@code minIou}, only between boxes of the same label when
     * {@code sameLabelOnly}; sorted by index of A.
     */
    public static List<Pair> match(List<Box> a, List<Box> b, double minIou, boolean sameLabelOnly) {
        List<Pair> candidates = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                if (sameLabelOnly && !String.valueOf(a.get(i).label()).equals(String.valueOf(b.get(j).label()))) {
                    continue;
                }
                double iou = iou(a.get(i), b.get(j));
                if (iou > 0 && iou >= minIou) {
                    candidates.add(new Pair(i, j, iou));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Pair::iou).reversed().thenComparingInt(Pair::indexA)
                .thenComparingInt(Pair::indexB));
        boolean[] usedA = new boolean[a.size()];
        boolean[] usedB = new boolean[b.size()];
        List<Pair> pairs = new ArrayList<>();
        for (Pair p : candidates) {
            if (!usedA[p.indexA()] && !usedB[p.indexB()]) {
                usedA[p.indexA()] = true;
                usedB[p.indexB()] = true;
                pairs.add(p);
            }
        }
        pairs.sort(Comparator.comparingInt(Pair::indexA));
        return List.copyOf(pairs);
    }

    /** The agreement score of two box answers: same-label matching, hits at IoU ≥ {@link #HIT_IOU}. */
    public static Score score(List<Box> a, List<Box> b) {
        List<Pair> pairs = match(a, b, 0, true);
        double sum = pairs.stream().mapToDouble(Pair::iou).sum();
        int hits = (int) pairs.stream().filter(p -> p.iou() >= HIT_IOU).count();
        return new Score(pairs.size(), sum, hits, a.size(), b.size());
    }

    /**
     * Whether two box answers are the same answer: drawn boxes are never pixel-equal, so every box of each must match
     * one of the other's, same label, at IoU ≥ {@link #HIT_IOU}.
     */
    public static boolean agree(JsonNode a, JsonNode b) {
        return score(boxes(a), boxes(b)).f1() >= 1.0;
    }

    /** The boxes of an answer {@code {"boxes": [{x, y, w, h, label}]}}; malformed entries are skipped. */
    public static List<Box> boxes(JsonNode value) {
        List<Box> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (JsonNode b : value.path("boxes")) {
            if (b.path("x").isNumber() && b.path("y").isNumber() && b.path("w").isNumber() && b.path("h").isNumber()
                    && b.path("label").isTextual()) {
                out.add(new Box(b.get("x").asDouble(), b.get("y").asDouble(), b.get("w").asDouble(),
                        b.get("h").asDouble(), b.get("label").asText()));
            }
        }
        return out;
    }
}
