package io.refinery.workers.release;

import java.util.Map;

/**
 * How the release was split: method, seed, percentages and the resulting items per split and class.
 *
 * @param percent {@code train}, {@code validation}, {@code test} → percent
 * @param classes split → class → items
 */
public record SplitSummary(String method, long seed, Map<String, Integer> percent, Map<String, Long> items,
                           Map<String, Map<String, Long>> classes) {

    public static final String METHOD = "stratified by class; per class, seeded random permutation of each block of"
            + " 100/gcd(percentages) items";
}
