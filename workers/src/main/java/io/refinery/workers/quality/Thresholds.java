package io.refinery.workers.quality;

import io.refinery.workflows.Threshold;
import io.refinery.workflows.Vars;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The quality a dataset must reach, approved with the demand; {@link #DEFAULTS} fills in every threshold the demand
 * leaves out ({@link Threshold#defaults()}). "min" thresholds are "at least", "max" ones "at most"; every class of the
 * label set must have at least {@code minClassCount} items (coverage k).
 */
public record Thresholds(double minCompleteness, double minAgreement, double minKappa, double maxDuplicateRate,
        double maxSensitiveRatio, long minClassCount, double minAlpha, double minIou, double minSpanF1,
        double minGoldAccuracy, double maxNearDuplicateRate, double minValidity) {

    private static final Map<String, Double> DEFAULTS = Threshold.defaults();

    /** The five thresholds of the demand form; the others default. */
    public Thresholds(double minCompleteness, double minAgreement, double minKappa, double maxDuplicateRate,
            double maxSensitiveRatio) {
        this(minCompleteness, minAgreement, minKappa, maxDuplicateRate, maxSensitiveRatio,
                DEFAULTS.get(Vars.MIN_CLASS_COUNT).longValue());
    }

    public Thresholds(double minCompleteness, double minAgreement, double minKappa, double maxDuplicateRate,
            double maxSensitiveRatio, long minClassCount) {
        this(minCompleteness, minAgreement, minKappa, maxDuplicateRate, maxSensitiveRatio, minClassCount,
                DEFAULTS.get(Vars.MIN_ALPHA), DEFAULTS.get(Vars.MIN_IOU), DEFAULTS.get(Vars.MIN_SPAN_F1),
                DEFAULTS.get(Vars.MIN_GOLD_ACCURACY), DEFAULTS.get(Vars.MAX_NEAR_DUPLICATE_RATE),
                DEFAULTS.get(Vars.MIN_VALIDITY));
    }

    public static Thresholds defaults() {
        return of(name -> null);
    }

    /** From process variables ({@code null} or absent = default). */
    public static Thresholds of(Function<String, Double> variable) {
        Function<String, Double> v = name -> {
            Double value = variable.apply(name);
            return value != null ? value : DEFAULTS.get(name);
        };
        return new Thresholds(v.apply(Vars.MIN_COMPLETENESS), v.apply(Vars.MIN_AGREEMENT), v.apply(Vars.MIN_KAPPA),
                v.apply(Vars.MAX_DUPLICATE_RATE), v.apply(Vars.MAX_SENSITIVE_RATIO),
                Math.round(v.apply(Vars.MIN_CLASS_COUNT)), v.apply(Vars.MIN_ALPHA), v.apply(Vars.MIN_IOU),
                v.apply(Vars.MIN_SPAN_F1), v.apply(Vars.MIN_GOLD_ACCURACY), v.apply(Vars.MAX_NEAR_DUPLICATE_RATE),
                v.apply(Vars.MIN_VALIDITY));
    }

    /** Every threshold by process variable name, to hand back to the process so the gate's rules can name them. */
    public Map<String, Object> asVariables() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put(Vars.MIN_COMPLETENESS, minCompleteness);
        vars.put(Vars.MIN_AGREEMENT, minAgreement);
        vars.put(Vars.MIN_KAPPA, minKappa);
        vars.put(Vars.MAX_DUPLICATE_RATE, maxDuplicateRate);
        vars.put(Vars.MAX_SENSITIVE_RATIO, maxSensitiveRatio);
        vars.put(Vars.MIN_CLASS_COUNT, (double) minClassCount);
        vars.put(Vars.MIN_ALPHA, minAlpha);
        vars.put(Vars.MIN_IOU, minIou);
        vars.put(Vars.MIN_SPAN_F1, minSpanF1);
        vars.put(Vars.MIN_GOLD_ACCURACY, minGoldAccuracy);
        vars.put(Vars.MAX_NEAR_DUPLICATE_RATE, maxNearDuplicateRate);
        vars.put(Vars.MIN_VALIDITY, minValidity);
        return vars;
    }
}
