package io.refinery.workflows;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The steps a dataset process is built from, with what each needs and gives: the contract that a process drawn in
 * the designer must keep to build a dataset. The engine checks processes against it (at validate, deploy and when a
 * demand is filed); the worker handlers read and write the variables named here.
 */
public final class DatasetSteps {

    /** How a step is carried out. */
    public enum Kind {
        /** an external task a worker serves (by topic) */
        WORKER,
        /** a human task in the inbox */
        HUMAN,
        /** the QC gate's decision table (business rule task) */
        DECISION
    }

    /**
     * One step.
     *
     * @param id       the step's name and the element id the shipped process gives it
     * @param template the Camunda 7 element template it is drawn from in the designer ({@code dataset-steps.json})
     * @param topic    the worker topic (WORKER steps), else null
     * @param requires variables that must be set on every path before the step: what it reads, and what the step
     *                 it builds on gives (Process needs what Collect counted, QC a planned labelling round, ...)
     * @param produces variables set when it completes
     * @param required whether every dataset process must have this step
     */
    public record Step(String id, String template, Kind kind, String topic, List<String> requires,
                       List<String> produces, boolean required) {
    }

    /** What a filed demand sets when it starts the process (DemandService): available from the start event on. */
    public static final List<String> DEMAND_VARIABLES = demandVariables();

    private static final String T = "io.refinery.step.";

    public static final Step DEMAND_APPROVAL = new Step(Processes.Steps.DEMAND_APPROVAL, T + "demand-approval",
            Kind.HUMAN, null, List.of(), List.of(Vars.APPROVED), false);
    public static final Step COLLECT = new Step(Processes.Steps.COLLECT, T + "collect", Kind.WORKER, Topics.COLLECT,
            List.of(Vars.VERSION_ID, Vars.SOURCE), List.of(Vars.COLLECTED_COUNT, Vars.QUARANTINED_COUNT), true);
    public static final Step PROCESS = new Step(Processes.Steps.PROCESS, T + "process", Kind.WORKER, Topics.PROCESS,
            List.of(Vars.VERSION_ID, Vars.COLLECTED_COUNT), List.of(Vars.ITEM_COUNT, Vars.DUPLICATE_COUNT, Vars.PII_MASKED_COUNT), true);
    public static final Step PRELABEL = new Step(Processes.Steps.PRELABEL, T + "prelabel", Kind.WORKER,
            Topics.PRELABEL, List.of(Vars.VERSION_ID, Vars.ITEM_COUNT, Vars.LABEL_SET),
            List.of(Vars.PRELABELED_COUNT), true);
    /** Plans the labelling round: packages (first time and for new items), and which of them the round labels. */
    public static final Step PLAN_ROUND = new Step(Processes.Steps.PLAN_ROUND, T + "plan-round", Kind.WORKER,
            Topics.PLAN_ROUND, List.of(Vars.VERSION_ID, Vars.ITEM_COUNT, Vars.PACKAGE_SIZE, Vars.OVERLAP, Vars.ROUND),
            List.of(Vars.LABEL_TASK_COUNT, Vars.LABEL_WAVE_COUNT, Vars.LABEL_WAVE_SIZE), true);
    public static final Step LABEL = new Step(Processes.Steps.LABEL, T + "label", Kind.HUMAN, null,
            List.of(Vars.LABEL_TASK_COUNT, Vars.LABEL_WAVE_COUNT, Vars.LABEL_WAVE_SIZE, Vars.ROUND), List.of(), true);
    public static final Step EXPERT_REVIEW = new Step(Processes.Steps.EXPERT_REVIEW, T + "expert-review", Kind.HUMAN,
            null, List.of(Vars.ROUND), List.of(Vars.REVIEW_REWORK_COUNT, Vars.REWORK_ASSIGNEES), false);
    public static final Step REWORK = new Step(Processes.Steps.REWORK, T + "rework", Kind.HUMAN, null,
            List.of(Vars.REVIEW_REWORK_COUNT, Vars.REWORK_ASSIGNEES, Vars.ROUND), List.of(), false);
    public static final Step QC = new Step(Processes.Steps.QC, T + "quality-check", Kind.WORKER, Topics.QC,
            List.of(Vars.VERSION_ID, Vars.LABEL_TASK_COUNT, Vars.ROUND, Vars.LABEL_SET, Vars.OVERLAP), qcProduces(), true);
    public static final Step QC_RULES = new Step(Processes.Steps.QC_RULES, T + "qc-gate", Kind.DECISION, null,
            List.of(), List.of(Vars.QC_DECISION), true);
    public static final Step RELEASE = new Step(Processes.Steps.RELEASE, T + "release", Kind.WORKER, Topics.RELEASE,
            List.of(Vars.VERSION_ID, Vars.QC_PASSED, Vars.NAME, Vars.LABEL_SET), List.of(Vars.RELEASE_VERSION, Vars.RELEASE_PATH), true);
    public static final Step ADD_DATA = new Step(Processes.Steps.ADD_DATA, null, Kind.HUMAN, null, List.of(),
            List.of(), false);
    public static final Step LABEL_ESCALATION = new Step(Processes.Steps.LABEL_ESCALATION, null, Kind.HUMAN, null,
            List.of(), List.of(), false);
    public static final Step QC_FAILED_DECISION = new Step(Processes.Steps.QC_FAILED_DECISION, null, Kind.HUMAN, null,
            List.of(), List.of(Vars.RELEASE_ANYWAY), false);

    public static final List<Step> ALL = List.of(DEMAND_APPROVAL, COLLECT, PROCESS, PRELABEL, PLAN_ROUND, LABEL, EXPERT_REVIEW,
            REWORK, QC, QC_RULES, RELEASE, ADD_DATA, LABEL_ESCALATION, QC_FAILED_DECISION);

    /** Every topic some worker serves: the dataset steps' and the other shipped processes' (drift check). */
    public static final Set<String> SERVED_TOPICS;

    static {
        Set<String> topics = new LinkedHashSet<>(Topics.ALL);
        topics.addAll(Topics.OTHER_PROCESSES);
        SERVED_TOPICS = Set.copyOf(topics);
    }

    /** Variables of multi-instance bodies and of the engine itself that a plain expression may read. */
    public static final Set<String> ENGINE_LOCALS = Set.of("loopCounter", "nrOfInstances", "nrOfActiveInstances",
            "nrOfCompletedInstances");

    private DatasetSteps() {
    }

    public static Optional<Step> byTemplate(String template) {
        return ALL.stream().filter(s -> s.template() != null && s.template().equals(template)).findFirst();
    }

    public static Optional<Step> byTopic(String topic) {
        return ALL.stream().filter(s -> topic != null && topic.equals(s.topic())).findFirst();
    }

    public static Optional<Step> byId(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static List<String> demandVariables() {
        List<String> v = new java.util.ArrayList<>(List.of(Vars.DATASET_ID, Vars.VERSION_ID, Vars.INITIATOR,
                Vars.NAME, Vars.TASK_TYPE, Vars.LABEL_SET, Vars.LABEL_RULES, Vars.TARGET_SIZE, Vars.SOURCE,
                Vars.PACKAGE_SIZE, Vars.OVERLAP, Vars.LABEL_SLA, Vars.MAX_ROUNDS, Vars.ROUND));
        v.addAll(Threshold.defaults().keySet());
        return List.copyOf(v);
    }

    private static List<String> qcProduces() {
        List<String> p = new java.util.ArrayList<>(List.of(Vars.METRIC_COMPLETENESS, Vars.METRIC_VALIDITY,
                Vars.METRIC_AGREEMENT, Vars.METRIC_KAPPA, Vars.METRIC_ALPHA, Vars.METRIC_FLEISS_KAPPA, Vars.METRIC_IOU,
                Vars.METRIC_SPAN_F1, Vars.METRIC_GOLD_ACCURACY, Vars.METRIC_DUPLICATE_RATE,
                Vars.METRIC_NEAR_DUPLICATE_RATE, Vars.METRIC_SENSITIVE_RATIO, Vars.METRIC_IMBALANCE_RATIO,
                Vars.METRIC_MIN_CLASS_COUNT, Vars.METRIC_DATA_AGE_DAYS, Vars.QC_PASSED, Vars.QC_FAILED_CHECKS,
                Vars.COLLECT_CLASSES, Vars.REWORK_TASK_COUNT));
        p.addAll(Threshold.defaults().keySet());
        return List.copyOf(p);
    }
}
