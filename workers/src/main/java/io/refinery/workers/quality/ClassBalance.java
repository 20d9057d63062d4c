package io.refinery.workers.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Distribution of final labels over the label set.
 *
 * @param counts             final labels per class, in label-set order, every class present
 * @param unknownLabels      final labels outside the label set (not counted as complete)
 * @param minClassCount      the smallest class count (0 if a class is empty)
 * @param imbalanceRatio     largest / smallest class count; {@code null} when a class is empty (infinite) or no labels
 * @param normalizedEntropy  Shannon entropy / ln(number of classes), 1 = balanced; {@code null} with under 2 classes or no labels
 */
public record ClassBalance(Map<String, Long> counts, long unknownLabels, long minClassCount, Double imbalanceRatio,
        Double normalizedEntropy) {

    public ClassBalance {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
