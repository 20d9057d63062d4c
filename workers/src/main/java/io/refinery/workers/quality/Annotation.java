package io.refinery.workers.quality;

/**
 * One label given to an item in the current round.
 *
 * @param slot      the overlap slot (0, 1, ...): slot order decides which label is rater A in Cohen's kappa
 * @param annotator who gave it
 * @param label     the label, {@code null} when not given yet (ignored by the metrics)
 */
public record Annotation(int slot, String annotator, String label) {
}
