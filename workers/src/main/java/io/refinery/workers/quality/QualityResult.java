package io.refinery.workers.quality;

import java.util.List;

/**
 * The QC outcome of one round: the metrics, each threshold check, and the packages to redo.
 *
 * @param completeness      items with a final label in the label set / items (0 without items)
 * @param duplicateRate     duplicates / collected (0 when nothing was collected)
 * @param sensitiveRatio    items containing a sensitive term / items (0 without items)
 * @param failingPackageIds packages that fail ({@link PackageQuality#passed()}), sorted
 * @param checks            completeness, agreement, kappa, duplicateRate, sensitiveRatio, minClassCount
 * @param passed            every check passed (failing packages are reported for rework but do not decide this)
 */
public record QualityResult(long items, long completeItems, double completeness, Agreement agreement,
        long collected, long duplicates, double duplicateRate, long sensitiveItems, double sensitiveRatio,
        ClassBalance classBalance, List<PackageQuality> packages, List<String> failingPackageIds, List<Check> checks,
        boolean passed) {

    public QualityResult {
        packages = List.copyOf(packages);
        failingPackageIds = List.copyOf(failingPackageIds);
        checks = List.copyOf(checks);
    }
}
