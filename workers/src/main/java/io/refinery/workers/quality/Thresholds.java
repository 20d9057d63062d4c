package io.refinery.workers.quality;

/**
 * The quality a dataset must reach, approved with the demand. Agreement and kappa are "at least", duplicate and
 * sensitive ratios "at most"; every class of the label set must have at least {@code minClassCount} final labels.
 */
public record Thresholds(double minCompleteness, double minAgreement, double minKappa, double maxDuplicateRate,
        double maxSensitiveRatio, long minClassCount) {

    public static final long DEFAULT_MIN_CLASS_COUNT = 1;

    public Thresholds(double minCompleteness, double minAgreement, double minKappa, double maxDuplicateRate,
            double maxSensitiveRatio) {
        this(minCompleteness, minAgreement, minKappa, maxDuplicateRate, maxSensitiveRatio, DEFAULT_MIN_CLASS_COUNT);
    }

    /** 0.95, 0.8, 0.6, 0.05, 0.01 and one item per class. */
    public static Thresholds defaults() {
        return new Thresholds(0.95, 0.8, 0.6, 0.05, 0.01);
    }
}
