package io.refinery.workers.quality.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dkpro.statistics.agreement.coding.CodingAnnotationStudy;
import org.dkpro.statistics.agreement.coding.FleissKappaAgreement;
import org.dkpro.statistics.agreement.coding.KrippendorffAlphaAgreement;
import org.dkpro.statistics.agreement.distance.NominalDistanceFunction;

/**
 * Nominal ratings of many raters, kept as the number of items per rating pattern (the sorted multiset of labels an
 * item got): memory grows with distinct patterns, not items. Fleiss' kappa and Krippendorff's alpha (nominal) are
 * computed by DKPro Statistics from the pattern table (see {@link UnitCounts}). Items with fewer than two labels are
 * not pairable and ignored, as both coefficients do. The kappas depend only on proportions; alpha's small-sample
 * term (n − 1) is corrected for the reduction.
 */
public final class RatingPatterns {

    private final Map<List<String>, Long> patterns = new HashMap<>();

    /** One item's labels (missing ones left out). */
    public void add(Collection<String> labels) {
        if (labels.size() < 2) {
            return;
        }
        patterns.merge(labels.stream().sorted().toList(), 1L, Long::sum);
    }

    /** Adds {@code times} items with the same labels. */
    public void add(Collection<String> labels, long times) {
        if (labels.size() >= 2 && times > 0) {
            patterns.merge(labels.stream().sorted().toList(), times, Long::sum);
        }
    }

    public long items() {
        return patterns.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Fleiss' kappa over the items with the most common number of labels (Fleiss' kappa needs the same number of
     * raters per item); {@code null} without pairable items; 1.0 when every label is the same class (0/0).
     */
    public Double fleissKappa() {
        Map<Integer, Long> bySize = new HashMap<>();
        patterns.forEach((p, n) -> bySize.merge(p.size(), n, Long::sum));
        int raters = bySize.entrySet().stream()
                .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(0);
        List<Map.Entry<List<String>, Long>> chosen = patterns.entrySet().stream()
                .filter(e -> e.getKey().size() == raters).toList();
        if (chosen.isEmpty()) {
            return null;
        }
        if (oneClass(chosen)) {
            return 1.0;
        }
        return new FleissKappaAgreement(study(chosen, raters)).calculateAgreement();
    }

    /** Krippendorff's alpha, nominal distance, over every pairable item; {@code null} without any; 1.0 for one class. */
    public Double krippendorffAlpha() {
        List<Map.Entry<List<String>, Long>> all = new ArrayList<>(patterns.entrySet());
        if (all.isEmpty()) {
            return null;
        }
        if (oneClass(all)) {
            return 1.0;
        }
        int raters = all.stream().mapToInt(e -> e.getKey().size()).max().orElse(2);
        CodingAnnotationStudy study = study(all, raters);
        double reduced = new KrippendorffAlphaAgreement(study, new NominalDistanceFunction()).calculateAgreement();
        // Unlike the kappas, alpha has a small-sample term: with every count divided by s (n = s·n_r pairable values),
        // 1 − α_true = (1 − α_r)·(n − 1)/(n − s) = (1 − α_r)·(n − 1)·n_r / (n·(n_r − 1)).
        double n = all.stream().mapToDouble(e -> (double) e.getKey().size() * e.getValue()).sum();
        double nReduced = 0;
        for (var item : study.getItems()) {
            nReduced += item.getRaterCount();
        }
        return 1 - (1 - reduced) * (n - 1) * nReduced / (n * (nReduced - 1));
    }

    private static boolean oneClass(List<Map.Entry<List<String>, Long>> entries) {
        Set<String> classes = new HashSet<>();
        entries.forEach(e -> classes.addAll(e.getKey()));
        return classes.size() <= 1;
    }

    /** A DKPro study with {@code raters} columns; shorter patterns are padded with missing values (null). */
    private static CodingAnnotationStudy study(List<Map.Entry<List<String>, Long>> entries, int raters) {
        long[] counts = entries.stream().mapToLong(Map.Entry::getValue).toArray();
        int[] units = UnitCounts.reduce(counts);
        CodingAnnotationStudy study = new CodingAnnotationStudy(raters);
        for (int i = 0; i < units.length; i++) {
            Object[] row = new Object[raters];
            List<String> labels = entries.get(i).getKey();
            for (int r = 0; r < labels.size(); r++) {
                row[r] = labels.get(r);
            }
            if (units[i] > 0) {
                study.addMultipleItems(units[i], row);
            }
        }
        return study;
    }
}
