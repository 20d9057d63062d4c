package io.refinery.workers.quality;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One answer given to an item in the current round.
 *
 * @param slot      the overlap slot (0, 1, ...): slot order decides which label is rater A in Cohen's kappa
 * @param annotator who gave it
 * @param label     the single label (classification types), {@code null} otherwise or when not given yet
 * @param value     the whole answer as the task type stores it ({@code {"boxes": [...]}}, {@code {"spans": [...]}},
 *                  ...), {@code null} when not given yet
 */
public record Annotation(int slot, String annotator, String label, JsonNode value) {

    public Annotation(int slot, String annotator, String label) {
        this(slot, annotator, label, null);
    }

    boolean given() {
        return label != null || value != null && !value.isNull();
    }
}
