package io.refinery.workers.quality.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Answers on gold items per annotator: answered and correct, one counter pair per annotator. */
public final class GoldAccuracy {

    /** @param accuracy correct / answered */
    public record Annotator(String annotator, long answered, long correct, double accuracy) {
    }

    private final Map<String, long[]> byAnnotator = new TreeMap<>();

    public void add(String annotator, boolean correct) {
        long[] c = byAnnotator.computeIfAbsent(annotator, k -> new long[2]);
        c[0]++;
        c[1] += correct ? 1 : 0;
    }

    /** Sorted by annotator. */
    public List<Annotator> perAnnotator() {
        return byAnnotator.entrySet().stream().map(e -> new Annotator(e.getKey(), e.getValue()[0], e.getValue()[1],
                (double) e.getValue()[1] / e.getValue()[0])).toList();
    }

    public long answered() {
        return byAnnotator.values().stream().mapToLong(c -> c[0]).sum();
    }

    /** All correct answers / all answers; {@code null} when no gold item was answered (gold is optional). */
    public Double overall() {
        long answered = answered();
        return answered == 0 ? null : (double) byAnnotator.values().stream().mapToLong(c -> c[1]).sum() / answered;
    }
}
