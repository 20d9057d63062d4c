package io.refinery.workflows;

import java.util.Collections;
import java.util.Map;

/**
 * The default of every quality threshold, by process variable name: the one place they live. The engine fills in
 * what a demand leaves out with them; the QC worker applies them to a process that was started without some (a
 * process drawn in the designer, an older build) and writes the effective values back for the gate's rules.
 * "min" thresholds are "at least", "max" ones "at most".
 */
public final class QualityDefaults {

    /** Every threshold's default, by name; defined with its range and meaning in {@link Threshold#ALL}. */
    public static final Map<String, Double> THRESHOLDS = Collections.unmodifiableMap(Threshold.defaults());

    private QualityDefaults() {
    }
}
