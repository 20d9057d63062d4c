package io.refinery.designer.labeling.image;

import io.refinery.workflows.answers.BoxAgreement;
import java.util.ArrayList;
import java.util.List;

/**
 * Two annotators' boxes on the same image side by side: the shared matching ({@link BoxAgreement#match}, any label,
 * IoU at or above the threshold) with the boxes it pairs, the boxes left over and the class disagreements.
 */
public final class BoxMatching {
    /** The common detection threshold. */
    public static final double DEFAULT_THRESHOLD = BoxAgreement.HIT_IOU;

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
        boolean[] usedA = new boolean[a.size()];
        boolean[] usedB = new boolean[b.size()];
        List<Pair> pairs = new ArrayList<>();
        for (BoxAgreement.Pair p : BoxAgreement.match(shared(a), shared(b), threshold, false)) {
            usedA[p.indexA()] = true;
            usedB[p.indexB()] = true;
            pairs.add(new Pair(p.indexA(), p.indexB(), a.get(p.indexA()), b.get(p.indexB()), p.iou()));
        }
        return new Result(List.copyOf(pairs), unused(usedA), unused(usedB));
    }

    private static List<BoxAgreement.Box> shared(List<Box> boxes) {
        return boxes.stream().map(Box::shared).toList();
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
