package io.refinery.workers.quality;

/**
 * QC of one work package. It fails when its agreement is below the threshold, or any item lacks a final label,
 * or any item was rejected.
 *
 * @param agreement share of its overlapping items whose labels all agree; {@code null} without overlap
 */
public record PackageQuality(String packageId, long items, long overlapItems, long agreedItems, Double agreement,
        long withoutFinalLabel, long rejected, boolean passed) {
}
