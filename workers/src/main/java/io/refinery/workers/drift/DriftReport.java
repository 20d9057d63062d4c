package io.refinery.workers.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a drift check measured, and how it compares with the limits. */
public record DriftReport(long referenceCount, long newCount, Map<String, Long> referenceClasses,
                          Map<String, Long> newClasses, double psi, double tvd, double anomalyRatio,
                          Map<Anomaly, Long> anomalies, DriftLimits limits) {

    public boolean exceeded() {
        return !crossed().isEmpty();
    }

    /** The limits crossed, e.g. {@code "PSI 0.31 > 0.2"}; empty when none. */
    public String summary() {
        return String.join(", ", crossed());
    }

    private List<String> crossed() {
        List<String> crossed = new ArrayList<>();
        check(crossed, "PSI", psi, limits.maxPsi());
        check(crossed, "TVD", tvd, limits.maxTvd());
        check(crossed, "anomaly ratio", anomalyRatio, limits.maxAnomalyRatio());
        return crossed;
    }

    private static void check(List<String> crossed, String name, double value, double limit) {
        if (value > limit) {
            crossed.add(name + " " + round(value) + " > " + round(limit));
        }
    }

    static String round(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
