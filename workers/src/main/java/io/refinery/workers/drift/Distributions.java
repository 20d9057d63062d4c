package io.refinery.workers.drift;

import java.util.Map;
import java.util.TreeSet;

/**
 * Distances between two class distributions given as counts per class (a class missing from a map has count 0).
 *
 * <p>PSI (population stability index) = Σ over classes (a − e) · ln(a / e), with e the reference share and a the new
 * share of a class; a share of 0 (an empty bin) is replaced by {@link #EPSILON} so that the logarithm is defined; the
 * shares are not renormalised after that. Rule of thumb: below 0.1 stable, 0.1–0.2 moderate, above 0.2 a real shift.
 *
 * <p>Total variation distance = ½ Σ |a − e| over the raw shares: the largest difference in probability that the two
 * distributions give to any set of classes, between 0 (same) and 1 (disjoint).
 */
public final class Distributions {
    /** The share an empty bin counts with in PSI. */
    public static final double EPSILON = 1e-4;

    public static double psi(Map<String, Long> reference, Map<String, Long> newer) {
        double refTotal = total(reference);
        double newTotal = total(newer);
        double psi = 0;
        for (String c : classes(reference, newer)) {
            double e = Math.max(share(reference, c, refTotal), EPSILON);
            double a = Math.max(share(newer, c, newTotal), EPSILON);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    public static double totalVariation(Map<String, Long> reference, Map<String, Long> newer) {
        double refTotal = total(reference);
        double newTotal = total(newer);
        double sum = 0;
        for (String c : classes(reference, newer)) {
            sum += Math.abs(share(newer, c, newTotal) - share(reference, c, refTotal));
        }
        return sum / 2;
    }

    private static TreeSet<String> classes(Map<String, Long> a, Map<String, Long> b) {
        TreeSet<String> classes = new TreeSet<>(a.keySet());
        classes.addAll(b.keySet());
        return classes;
    }

    private static double share(Map<String, Long> counts, String c, double total) {
        return total == 0 ? 0 : counts.getOrDefault(c, 0L) / total;
    }

    private static double total(Map<String, Long> counts) {
        if (counts.values().stream().anyMatch(n -> n < 0)) {
            throw new IllegalArgumentException("class counts must not be negative: " + counts);
        }
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private Distributions() {
    }
}
