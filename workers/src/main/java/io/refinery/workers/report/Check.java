package io.refinery.workers.report;

/**
 * One threshold compared with its metric.
 *
 * @param metric    e.g. {@code completeness}
 * @param value     the measured value, {@code null} when it could not be measured (then the check fails)
 * @param op        {@code >=} or {@code <=}
 */
public record Check(String metric, Double value, double threshold, String op, boolean passed) {

    public static Check atLeast(String metric, Double value, double threshold) {
        return new Check(metric, value, threshold, ">=", value != null && value >= threshold);
    }

    public static Check atMost(String metric, Double value, double threshold) {
        return new Check(metric, value, threshold, "<=", value != null && value <= threshold);
    }
}
