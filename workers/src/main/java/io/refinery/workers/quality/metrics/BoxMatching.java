package io.refinery.workers.quality.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Matches the boxes two annotators drew on one picture: only boxes with the same label may match; candidate pairs
 * are taken greedily in descending IoU (ties by position), each box at most once (the matching COCO-style
 * evaluation uses). A matched pair with IoU ≥ {@link #HIT_IOU} is a hit.
 */
public final class BoxMatching {
    /** IoU from which a matched pair counts as the same object. */
    public static final double HIT_IOU = 0.5;

    /** An axis-aligned box in image pixels. */
    public record Box(double x, double y, double w, double h, String label) {
    }

    /**
     * @param matched  pairs matched (IoU &gt; 0, same label)
     * @param iouSum   sum of their IoU
     * @param hits     of those, pairs with IoU ≥ 0.5
     * @param boxesA   boxes of the first annotator
     * @param boxesB   boxes of the second
     */
    public record Result(int matched, double iouSum, int hits, int boxesA, int boxesB) {
        /** F1 at IoU ≥ 0.5: 2·hits / (boxesA + boxesB); 1.0 when neither drew a box. */
        public double f1() {
            return boxesA + boxesB == 0 ? 1.0 : 2.0 * hits / (boxesA + boxesB);
        }
    }

    private BoxMatching() {
    }

    public static double iou(Box a, Box b) {
        double ix = Math.max(0, Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y()));
        double inter = ix * iy;
        double union = a.w() * a.h() + b.w() * b.h() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    public static Result match(List<Box> a, List<Box> b) {
        record Candidate(int i, int j, double iou) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                if (a.get(i).label().equals(b.get(j).label())) {
                    double iou = iou(a.get(i), b.get(j));
                    if (iou > 0) {
                        candidates.add(new Candidate(i, j, iou));
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::iou).reversed().thenComparingInt(Candidate::i)
                .thenComparingInt(Candidate::j));
        boolean[] usedA = new boolean[a.size()];
        boolean[] usedB = new boolean[b.size()];
        int matched = 0;
        int hits = 0;
        double sum = 0;
        for (Candidate c : candidates) {
            if (!usedA[c.i()] && !usedB[c.j()]) {
                usedA[c.i()] = true;
                usedB[c.j()] = true;
                matched++;
                sum += c.iou();
                hits += c.iou() >= HIT_IOU ? 1 : 0;
            }
        }
        return new Result(matched, sum, hits, a.size(), b.size());
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
