package io.refinery.workers.quality;

import java.util.List;

/**
 * Inter-annotator agreement of the round.
 *
 * @param overlapItems       items with at least two labels
 * @param agreedItems        of those, items whose labels are all equal
 * @param percentAgreement   agreedItems / overlapItems, {@code null} without overlap
 * @param kappaItems         items with exactly two labels (the pairs of Cohen's kappa)
 * @param observedAgreement  p<sub>o</sub> over those pairs, {@code null} without pairs
 * @param expectedAgreement  p<sub>e</sub>, {@code null} without pairs
 * @param kappa              Cohen's kappa; 1.0 when p<sub>o</sub> = p<sub>e</sub> = 1 (one class only); {@code null} without pairs
 * @param pairCounts         the contingency table, sorted by first then second label
 */
public record Agreement(long overlapItems, long agreedItems, Double percentAgreement, long kappaItems,
        Double observedAgreement, Double expectedAgreement, Double kappa, List<PairCount> pairCounts) {

    public Agreement {
        pairCounts = List.copyOf(pairCounts);
    }
}
