package io.refinery.workers.quality;

/**
 * Agreement of two annotators on the items both answered.
 *
 * @param annotatorA the first in alphabetical order
 * @param items      items both answered
 * @param agreement  mean item agreement (share of equal labels; box or span F1)
 * @param kappa      Cohen's kappa of their labels (label task types), {@code null} otherwise
 */
public record AnnotatorPair(String annotatorA, String annotatorB, long items, double agreement, Double kappa) {
}
