package io.refinery.workers.quality;

/**
 * QC of one work package. It fails when its agreement is below the threshold, or any item lacks a final answer,
 * or any item was rejected.
 *
 * @param agreedItems items whose annotators agree fully
 * @param agreement   mean agreement of its overlapping items (share of agreeing items for labels, box or span F1
 *                    for boxes and spans); {@code null} without overlap
 */
public record PackageQuality(String packageId, long items, long overlapItems, long agreedItems, Double agreement,
        long withoutFinalLabel, long rejected, boolean passed) {
}
