package io.refinery.workers.drift;

/** Limits above which drift needs a manager; the defaults are those drift-check.bpmn sets. */
public record DriftLimits(double maxPsi, double maxTvd, double maxAnomalyRatio) {
    public static final DriftLimits DEFAULTS = new DriftLimits(0.2, 0.3, 0.05);
}
