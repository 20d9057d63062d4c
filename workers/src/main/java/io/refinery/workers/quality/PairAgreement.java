package io.refinery.workers.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per annotator pair: items both answered, summed item agreement and (labels) their contingency table. */
final class PairAgreement {

    private static final class Tally {
        long items;
        double scoreSum;
        final TreeMap<String, TreeMap<String, Long>> table = new TreeMap<>();
    }

    private final TreeMap<String, TreeMap<String, Tally>> pairs = new TreeMap<>();

    /** @param categoryA the first annotator's label (null for non-label task types) */
    void add(String annotatorA, String annotatorB, double score, String categoryA, String categoryB) {
        if (annotatorA.equals(annotatorB)) {
            return;
        }
        if (annotatorA.compareTo(annotatorB) > 0) {
            add(annotatorB, annotatorA, score, categoryB, categoryA);
            return;
        }
        Tally t = pairs.computeIfAbsent(annotatorA, k -> new TreeMap<>()).computeIfAbsent(annotatorB, k -> new Tally());
        t.items++;
        t.scoreSum += score;
        if (categoryA != null && categoryB != null) {
            t.table.computeIfAbsent(categoryA, k -> new TreeMap<>()).merge(categoryB, 1L, Long::sum);
        }
    }

    List<AnnotatorPair> result() {
        List<AnnotatorPair> out = new ArrayList<>();
        pairs.forEach((a, row) -> row.forEach((b, t) -> {
            List<PairCount> cells = new ArrayList<>();
            t.table.forEach((x, r) -> r.forEach((y, n) -> cells.add(new PairCount(x, y, n))));
            CohenKappa.Values kappa = CohenKappa.of(cells);
            out.add(new AnnotatorPair(a, b, t.items, t.scoreSum / t.items, kappa == null ? null : kappa.kappa()));
        }));
        return out;
    }

    /** For tests: the number of pairs. */
    int size() {
        return pairs.values().stream().mapToInt(Map::size).sum();
    }
}
