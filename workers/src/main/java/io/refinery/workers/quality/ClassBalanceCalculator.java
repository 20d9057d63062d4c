package io.refinery.workers.quality;

import java.util.Map;

/** Imbalance ratio and normalized entropy of class counts. */
final class ClassBalanceCalculator {

    private ClassBalanceCalculator() {
    }

    static ClassBalance of(Map<String, Long> counts, long unknownLabels) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long min = counts.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        Double imbalance = total == 0 || min == 0 ? null : (double) max / min;
        Double entropy = null;
        if (total > 0 && counts.size() >= 2) {
            double h = 0;
            for (long count : counts.values()) {
                if (count > 0) {
                    double p = (double) count / total;
                    h -= p * Math.log(p);
                }
            }
            entropy = h / Math.log(counts.size());
        }
        return new ClassBalance(counts, unknownLabels, min, imbalance, entropy);
    }
}
