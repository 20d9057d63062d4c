package io.refinery.workers.drift;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates a drift check in bounded memory: first every reference item, then every new item, one at a time.
 * Memory: class counts (at most {@link #MAX_CLASSES} classes, the rest counted as {@link #OTHER}) and a
 * {@link TextProfile} of the reference texts.
 */
public final class DriftMeasurement {
    /** The class of an item without a final label or a pre-label. */
    public static final String NO_LABEL = "(none)";
    static final String OTHER = "(other)";
    static final int MAX_CLASSES = 10_000;

    private final Map<String, Long> referenceClasses = new TreeMap<>();
    private final Map<String, Long> newClasses = new TreeMap<>();
    private final Map<Anomaly, Long> anomalies = new EnumMap<>(Anomaly.class);
    private final TextProfile profile = new TextProfile();
    private long newCount;

    public void reference(String text, String label) {
        if (newCount > 0) {
            throw new IllegalStateException("every reference item must come before the new ones");
        }
        count(referenceClasses, label);
        profile.add(text == null ? "" : text);
    }

    public void newer(String text, String label) {
        newCount++;
        count(newClasses, label);
        Anomaly anomaly = Anomaly.of(text, profile);
        if (anomaly != null) {
            anomalies.merge(anomaly, 1L, Long::sum);
        }
    }

    public DriftReport report(DriftLimits limits) {
        if (profile.count() == 0 || newCount == 0) {
            throw new IllegalStateException("a drift check needs items on both sides: reference " + profile.count()
                    + ", new " + newCount);
        }
        long anomalous = anomalies.values().stream().mapToLong(Long::longValue).sum();
        return new DriftReport(profile.count(), newCount, Map.copyOf(referenceClasses), Map.copyOf(newClasses),
                Distributions.psi(referenceClasses, newClasses), Distributions.totalVariation(referenceClasses, newClasses),
                (double) anomalous / newCount, Map.copyOf(anomalies), limits);
    }

    private static void count(Map<String, Long> classes, String label) {
        String c = label == null || label.isBlank() ? NO_LABEL : label;
        if (!classes.containsKey(c) && classes.size() >= MAX_CLASSES) {
            c = OTHER;
        }
        classes.merge(c, 1L, Long::sum);
    }
}
