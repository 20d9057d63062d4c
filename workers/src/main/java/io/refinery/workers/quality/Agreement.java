package io.refinery.workers.quality;

import java.util.List;

/**
 * Inter-annotator agreement of the round.
 *
 * @param overlapItems       items with at least two answers
 * @param agreedItems        of those, items whose answers all agree fully
 * @param percentAgreement   mean item agreement over overlapItems: the share of items whose labels are all equal for
 *                           label task types, the mean pairwise box F1 (IoU ≥ 0.5) for image-bbox, the mean pairwise
 *                           span F1 for ner; {@code null} without overlap or for instruction data
 * @param kappaItems         items with exactly two labels (the pairs of Cohen's kappa)
 * @param observedAgreement  p<sub>o</sub> over those pairs, {@code null} without pairs
 * @param expectedAgreement  p<sub>e</sub>, {@code null} without pairs
 * @param kappa              Cohen's kappa (slot 0 vs slot 1); 1.0 when p<sub>o</sub> = p<sub>e</sub> = 1; {@code null} without pairs
 * @param pairCounts         the contingency table, sorted by first then second label
 * @param fleissKappa        Fleiss' kappa (label task types), {@code null} otherwise
 * @param krippendorffAlpha  Krippendorff's alpha, nominal (label task types), {@code null} otherwise
 * @param meanIou            image-bbox: mean IoU of the boxes matched between annotators, {@code null} otherwise or without any
 * @param matchedBoxes       image-bbox: box pairs matched (same label, IoU &gt; 0)
 * @param boxF1              image-bbox: F1 at IoU ≥ 0.5 over all annotator pairs (micro), {@code null} otherwise
 * @param spanF1             ner: exact span + label F1 over all annotator pairs (micro), {@code null} otherwise
 * @param pairs              agreement per annotator pair
 */
public record Agreement(long overlapItems, long agreedItems, Double percentAgreement, long kappaItems,
        Double observedAgreement, Double expectedAgreement, Double kappa, List<PairCount> pairCounts,
        Double fleissKappa, Double krippendorffAlpha, Double meanIou, long matchedBoxes, Double boxF1, Double spanF1,
        List<AnnotatorPair> pairs) {

    public Agreement {
        pairCounts = List.copyOf(pairCounts);
        pairs = List.copyOf(pairs);
    }
}
