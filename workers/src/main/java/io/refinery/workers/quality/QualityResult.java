package io.refinery.workers.quality;

import io.refinery.workers.report.Check;
import io.refinery.workers.quality.metrics.DataAge;
import io.refinery.workers.quality.metrics.GoldAccuracy;
import java.util.List;

/**
 * The QC outcome of one round: the metrics, each threshold check, and the work to redo.
 *
 * @param completeness       items with a final answer (a label in the label set) / items (0 without items)
 * @param duplicateRate      exact duplicates / collected (0 when nothing was collected)
 * @param sensitiveRatio     items containing a sensitive term / items (0 without items)
 * @param failingPackageIds  packages that fail ({@link PackageQuality#passed()}), sorted: relabelled on rework
 * @param checks             each applicable metric against its threshold
 * @param passed             every check passed (failing packages are reported for rework but do not decide this)
 * @param taskType           the task type the metrics were chosen for
 * @param answers            final answers present; validAnswers of those fit the task type's schema
 * @param validity           validAnswers / answers (1.0 without answers: nothing invalid)
 * @param nearDuplicates     near-duplicates found by the process step (0 if it reports none)
 * @param nearDuplicateRate  nearDuplicates / collected
 * @param goldAccuracy       all answers on gold items: share correct, {@code null} without gold answers
 * @param goldByAnnotator    per annotator
 * @param dataAge            timeliness: age of the items' data in days
 * @param failedChecks       names of the checks that failed
 * @param collectClasses     classes below coverage k: the manager is asked to collect more of these
 */
public record QualityResult(long items, long completeItems, double completeness, Agreement agreement,
        long collected, long duplicates, double duplicateRate, long sensitiveItems, double sensitiveRatio,
        ClassBalance classBalance, List<PackageQuality> packages, List<String> failingPackageIds, List<Check> checks,
        boolean passed, String taskType, long answers, long validAnswers, double validity, long nearDuplicates,
        double nearDuplicateRate, Double goldAccuracy, List<GoldAccuracy.Annotator> goldByAnnotator,
        DataAge.Result dataAge, List<String> failedChecks, List<String> collectClasses) {

    public QualityResult {
        packages = List.copyOf(packages);
        failingPackageIds = List.copyOf(failingPackageIds);
        checks = List.copyOf(checks);
        goldByAnnotator = List.copyOf(goldByAnnotator);
        failedChecks = List.copyOf(failedChecks);
        collectClasses = List.copyOf(collectClasses);
    }
}
