package io.refinery.workflows;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default of every quality threshold, by process variable name: the one place they live. The engine fills in
 * what a demand leaves out with them; the QC worker applies them to a process that was started without some (a
 * process drawn in the designer, an older build) and writes the effective values back for the gate's rules.
 * "min" thresholds are "at least", "max" ones "at most".
 */
public final class QualityDefaults {

    public static final Map<String, Double> THRESHOLDS;

    static {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put(Vars.MIN_COMPLETENESS, 0.95);
        d.put(Vars.MIN_AGREEMENT, 0.8);
        d.put(Vars.MIN_KAPPA, 0.6);
        d.put(Vars.MAX_DUPLICATE_RATE, 0.05);
        d.put(Vars.MAX_SENSITIVE_RATIO, 0.01);
        d.put(Vars.MIN_CLASS_COUNT, 1.0);
        d.put(Vars.MIN_ALPHA, 0.667); // Krippendorff's lowest limit for tentative conclusions
        d.put(Vars.MIN_IOU, 0.5);
        d.put(Vars.MIN_SPAN_F1, 0.8);
        d.put(Vars.MIN_GOLD_ACCURACY, 0.8);
        d.put(Vars.MAX_NEAR_DUPLICATE_RATE, 0.05);
        d.put(Vars.MIN_VALIDITY, 0.99);
        THRESHOLDS = Collections.unmodifiableMap(d);
    }

    private QualityDefaults() {
    }
}
