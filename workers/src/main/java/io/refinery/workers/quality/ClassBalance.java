package io.refinery.workers.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Distribution of the final answers over the label set, and coverage.
 *
 * @param counts             items per class, in label-set order, every class present (an item counts once per class
 *                           its final answer holds)
 * @param unknownLabels      final labels outside the label set (not counted as complete)
 * @param minClassCount      the smallest class count (0 if a class is empty)
 * @param imbalanceRatio     largest / smallest class count; {@code null} when a class is empty (infinite) or no labels
 * @param normalizedEntropy  Shannon entropy / log(number of classes), 1 = balanced; {@code null} with under 2 classes or no labels
 * @param entropyBits        Shannon entropy in bits; {@code null} without labels
 * @param coverageK          the k every class must reach
 * @param classesBelowK      the classes with fewer than k items, in label-set order
 */
public record ClassBalance(Map<String, Long> counts, long unknownLabels, long minClassCount, Double imbalanceRatio,
        Double normalizedEntropy, Double entropyBits, long coverageK, List<String> classesBelowK) {

    public ClassBalance {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        classesBelowK = List.copyOf(classesBelowK);
    }
}
