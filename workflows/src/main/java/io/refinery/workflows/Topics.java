package io.refinery.workflows;

import java.util.List;

/** External-task topics. The BPMN, the worker handlers and the tests use these constants, never literals. */
public final class Topics {
    public static final String COLLECT = "refinery.collect";
    public static final String PROCESS = "refinery.process";
    public static final String PRELABEL = "refinery.prelabel";
    /** Cuts work packages and plans a labelling round (round 1, and each round the QC gate sends back). */
    public static final String PLAN_ROUND = "refinery.plan-round";
    public static final String QC = "refinery.qc";
    public static final String RELEASE = "refinery.release";

    public static final List<String> ALL = List.of(COLLECT, PROCESS, PRELABEL, PLAN_ROUND, QC, RELEASE);

    /** Drift of a released version against newer data (drift-check.bpmn, started by schedules). */
    public static final String DRIFT_CHECK = "refinery.drift-check";
    /** Topics of the processes besides dataset-construction ({@link #ALL}); a worker serves both by default. */
    public static final List<String> OTHER_PROCESSES = List.of(DRIFT_CHECK);

    /**
     * The step a topic runs, as its progress and figures are filed under on the version ({@code refinery.collect} →
     * {@code collect}); a topic outside the platform's prefix is its own step.
     */
    public static String step(String topic) {
        return topic.startsWith(PREFIX) ? topic.substring(PREFIX.length()) : topic;
    }

    private static final String PREFIX = "refinery.";

    private Topics() {
    }
}
