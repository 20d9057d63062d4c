package io.refinery.workers.quality;

import java.util.List;
import java.util.Map;

/** Imbalance ratio, entropy and coverage of class counts. */
final class ClassBalanceCalculator {

    private ClassBalanceCalculator() {
    }

    static ClassBalance of(Map<String, Long> counts, long unknownLabels, long k) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long min = counts.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        Double imbalance = total == 0 || min == 0 ? null : (double) max / min;
        Double normalized = null;
        Double bits = null;
        if (total > 0) {
            double h = 0;
            for (long count : counts.values()) {
                if (count > 0) {
                    double p = (double) count / total;
                    h -= p * Math.log(p);
                }
            }
            bits = h / Math.log(2);
            normalized = counts.size() >= 2 ? h / Math.log(counts.size()) : null;
        }
        List<String> below = counts.entrySet().stream().filter(e -> e.getValue() < k).map(Map.Entry::getKey).toList();
        return new ClassBalance(counts, unknownLabels, min, imbalance, normalized, bits, k, below);
    }
}
