package io.refinery.designer.labeling.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Matches two annotators' boxes on the same image by IoU, greedily: all pairs with IoU at or above the threshold,
 * best first, each box used at most once (ties: lower index of A, then of B). Greedy is what detection metrics
 * (PASCAL VOC, COCO) use and gives the same result as an optimal assignment whenever boxes of one image do not
 * overlap much, which is the usual case.
 */
public final class BoxMatching {
    /** The common detection threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** A matched pair: indexes into the two lists, the boxes and their IoU. */
    public record Pair(int indexA, int indexB, Box a, Box b, double iou) {
        /** Both boxes carry the same class (two missing classes count as the same). */
        public boolean sameLabel() {
            return a.label() == null || a.label().isEmpty()
                    ? b.label() == null || b.label().isEmpty()
                    : a.label().equals(b.label());
        }
    }

    /** What two box lists have in common and where they differ. */
    public record Result(List<Pair> pairs, List<Integer> unmatchedA, List<Integer> unmatchedB) {
        /** Matched pairs whose classes differ. */
        public List<Pair> labelDisagreements() {
            return pairs.stream().filter(p -> !p.sameLabel()).toList();
        }

        /** Mean IoU of the matched pairs; 0 without pairs. */
        public double meanIou() {
            return pairs.stream().mapToDouble(Pair::iou).average().orElse(0);
        }

        /** Both annotators agree: every box matched, same classes. */
        public boolean agree() {
            return unmatchedA.isEmpty() && unmatchedB.isEmpty() && labelDisagreements().isEmpty();
        }
    }

    private BoxMatching() {
    }

    public static Result match(List<Box> a, List<Box> b) {
        return match(a, b, DEFAULT_THRESHOLD);
    }

    /** Matches with a minimum IoU in (0, 1]. */
    public static Result match(List<Box> a, List<Box> b, double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
        }
        List<Pair> candidates = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                double iou = a.get(i).iou(b.get(j));
                if (iou >= threshold) {
                    candidates.add(new Pair(i, j, a.get(i), b.get(j), iou));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Pair::iou).reversed()
                .thenComparingInt(Pair::indexA).thenComparingInt(Pair::indexB));
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
        return new Result(List.copyOf(pairs), unused(usedA), unused(usedB));
    }

    private static List<Integer> unused(boolean[] used) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                out.add(i);
            }
        }
        return List.copyOf(out);
    }
}
