package io.refinery.workers.quality;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Streaming QC accumulator: feed every item of the round once with {@link #accept}, then ask for the
 * {@link #result}. Keeps only counters, one tally per package and the label-pair table (labels²), never items.
 * An item agrees when all its (at least two) labels are equal; Cohen's kappa uses the items with exactly two
 * labels, the lower slot being rater A.
 */
public final class QualityMetrics {

    private final Set<String> labelSet;
    private final SensitiveTerms sensitiveTerms;

    private long items;
    private long completeItems;
    private long overlapItems;
    private long agreedItems;
    private long sensitiveItems;
    private long unknownLabels;
    private final Map<String, Long> classCounts = new LinkedHashMap<>();
    private final TreeMap<String, TreeMap<String, Long>> pairs = new TreeMap<>();
    private final TreeMap<String, PackageTally> packages = new TreeMap<>();

    /** @param labelSet the classes, in the order reports show them */
    public QualityMetrics(Collection<String> labelSet, SensitiveTerms sensitiveTerms) {
        this.labelSet = new LinkedHashSet<>(labelSet);
        this.sensitiveTerms = sensitiveTerms;
        this.labelSet.forEach(label -> classCounts.put(label, 0L));
    }

    public void accept(ItemRecord item) {
        items++;
        String finalLabel = item.finalLabel();
        boolean complete = finalLabel != null && labelSet.contains(finalLabel);
        if (complete) {
            completeItems++;
            classCounts.merge(finalLabel, 1L, Long::sum);
        } else if (finalLabel != null && !finalLabel.isBlank()) {
            unknownLabels++;
        }
        List<Annotation> labelled = item.annotations().stream().filter(a -> a.label() != null)
                .sorted(Comparator.comparingInt(Annotation::slot)).toList();
        boolean overlap = labelled.size() >= 2;
        boolean agreed = overlap && labelled.stream().map(Annotation::label).distinct().count() == 1;
        if (overlap) {
            overlapItems++;
            agreedItems += agreed ? 1 : 0;
        }
        if (labelled.size() == 2) {
            pairs.computeIfAbsent(labelled.get(0).label(), k -> new TreeMap<>())
                    .merge(labelled.get(1).label(), 1L, Long::sum);
        }
        if (sensitiveTerms.containsAny(item.text())) {
            sensitiveItems++;
        }
        packages.computeIfAbsent(Objects.requireNonNullElse(item.packageId(), ""), k -> new PackageTally())
                .add(overlap, agreed, complete, item.rejected());
    }

    /**
     * @param collected  rows collected (accepted by collect) for this version
     * @param duplicates of those, exact duplicates dropped by process
     */
    public QualityResult result(Thresholds thresholds, long collected, long duplicates) {
        double completeness = items == 0 ? 0.0 : (double) completeItems / items;
        double duplicateRate = collected == 0 ? 0.0 : (double) duplicates / collected;
        double sensitiveRatio = items == 0 ? 0.0 : (double) sensitiveItems / items;
        Agreement agreement = agreement();
        ClassBalance balance = ClassBalanceCalculator.of(classCounts, unknownLabels);
        List<PackageQuality> packageResults = new ArrayList<>();
        packages.forEach((id, tally) -> packageResults.add(tally.result(id, thresholds.minAgreement())));
        List<String> failing = packageResults.stream().filter(p -> !p.passed()).map(PackageQuality::packageId)
                .toList();
        List<Check> checks = List.of(
                Check.atLeast("completeness", completeness, thresholds.minCompleteness()),
                Check.atLeast("agreement", agreement.percentAgreement(), thresholds.minAgreement()),
                Check.atLeast("kappa", agreement.kappa(), thresholds.minKappa()),
                Check.atMost("duplicateRate", duplicateRate, thresholds.maxDuplicateRate()),
                Check.atMost("sensitiveRatio", sensitiveRatio, thresholds.maxSensitiveRatio()),
                Check.atLeast("minClassCount", (double) balance.minClassCount(), thresholds.minClassCount()));
        boolean passed = checks.stream().allMatch(Check::passed);
        return new QualityResult(items, completeItems, completeness, agreement, collected, duplicates, duplicateRate,
                sensitiveItems, sensitiveRatio, balance, packageResults, failing, checks, passed);
    }

    private Agreement agreement() {
        List<PairCount> table = new ArrayList<>();
        pairs.forEach((first, row) -> row.forEach((second, count) -> table.add(new PairCount(first, second, count))));
        long kappaItems = table.stream().mapToLong(PairCount::count).sum();
        CohenKappa.Values kappa = CohenKappa.of(table);
        Double percent = overlapItems == 0 ? null : (double) agreedItems / overlapItems;
        return new Agreement(overlapItems, agreedItems, percent, kappaItems,
                kappa == null ? null : kappa.observed(), kappa == null ? null : kappa.expected(),
                kappa == null ? null : kappa.kappa(), table);
    }
}
