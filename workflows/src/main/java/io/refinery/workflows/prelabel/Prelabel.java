package io.refinery.workflows.prelabel;

/** A suggested label and the rule that produced it, readable for the labeller, e.g. {@code line 3: 账单|bill}. */
public record Prelabel(String label, String rule) {
}
