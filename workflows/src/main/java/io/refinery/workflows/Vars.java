package io.refinery.workflows;

/**
 * Process variable names and demand form field ids. Variables carry ids, counts, thresholds and decisions;
 * bulk data lives in the engine's tables and crosses HTTP as NDJSON streams.
 */
public final class Vars {
    // identity of the build
    public static final String DATASET_ID = "datasetId";
    public static final String VERSION_ID = "versionId";
    public static final String INITIATOR = "initiator";

    // demand form (demandApproval user task); same ids as the form fields
    public static final String NAME = "name";
    public static final String TASK_TYPE = "taskType";
    /** Comma-separated label ids, e.g. "billing,delivery,refund". */
    public static final String LABEL_SET = "labelSet";
    /** Pre-label rules, one per line: {@code label: keyword1|keyword2|regex}. */
    public static final String LABEL_RULES = "labelRules";
    public static final String TARGET_SIZE = "targetSize";
    public static final String DUE_DATE = "dueDate";
    public static final String APPROVED = "approved";
    /** Where collect reads from: {@code upload:<sourceFileId>[,<id>...]} or {@code folder:<path on the worker host>}. */
    public static final String SOURCE = "source";
    public static final String PACKAGE_SIZE = "packageSize";
    public static final String OVERLAP = "overlap";
    /** ISO-8601 duration for the labelling SLA timer, e.g. P3D or PT30S. */
    public static final String LABEL_SLA = "labelSla";
    public static final String MAX_ROUNDS = "maxRounds";

    // thresholds (approved with the demand)
    public static final String MIN_COMPLETENESS = "minCompleteness";
    public static final String MIN_AGREEMENT = "minAgreement";
    public static final String MIN_KAPPA = "minKappa";
    public static final String MAX_DUPLICATE_RATE = "maxDuplicateRate";
    public static final String MAX_SENSITIVE_RATIO = "maxSensitiveRatio";

    // counts written by the automated steps
    public static final String COLLECTED_COUNT = "collectedCount";
    public static final String QUARANTINED_COUNT = "quarantinedCount";
    public static final String ITEM_COUNT = "itemCount";
    public static final String DUPLICATE_COUNT = "duplicateCount";
    public static final String PII_MASKED_COUNT = "piiMaskedCount";
    public static final String PRELABELED_COUNT = "prelabeledCount";

    // labelling rounds: the label step is a multi-instance user task with loopCardinality = labelTaskCount
    public static final String LABEL_TASK_COUNT = "labelTaskCount";
    public static final String ROUND = "round";
    /** Local variable of each label task: the index of its assignment in this round (from loopCounter). */
    public static final String ASSIGNMENT_INDEX = "assignmentIndex";

    // rework of the items an expert rejected: the review step sets these when it completes
    /** Number of rework tasks the review asks for: one per (package, annotator) with rejected items; 0 = none. */
    public static final String REVIEW_REWORK_COUNT = "reviewReworkCount";
    /** Comma-separated user ids; rework instance i is assigned to the i-th. */
    public static final String REWORK_ASSIGNEES = "reworkAssignees";
    /** Local variable of each rework task: its index in this pass (from loopCounter). */
    public static final String REWORK_INDEX = "reworkIndex";

    // QC metrics, compared by the gate with the thresholds
    public static final String METRIC_COMPLETENESS = "metricCompleteness";
    public static final String METRIC_AGREEMENT = "metricAgreement";
    public static final String METRIC_KAPPA = "metricKappa";
    public static final String METRIC_DUPLICATE_RATE = "metricDuplicateRate";
    public static final String METRIC_SENSITIVE_RATIO = "metricSensitiveRatio";
    public static final String METRIC_IMBALANCE_RATIO = "metricImbalanceRatio";
    public static final String QC_PASSED = "qcPassed";
    /**
     * Result of the QC rules (decision {@code qc-gate} in qc-gate.dmn, single result): a map with {@code passed}
     * (boolean) and {@code route} ({@code release}, {@code rework} or {@code decide}); the QC gate routes by it.
     */
    public static final String QC_DECISION = "qcDecision";
    /** Number of label tasks the next round needs (failing packages x overlap), prepared by QC. */
    public static final String REWORK_TASK_COUNT = "reworkTaskCount";
    /** Manager's decision when QC failed maxRounds times: true = release anyway, false = abandon. */
    public static final String RELEASE_ANYWAY = "releaseAnyway";

    // release
    public static final String RELEASE_VERSION = "releaseVersion";
    public static final String RELEASE_PATH = "releasePath";

    // model feedback (model-feedback.bpmn)
    /** Feedback entries of the run not decided by the expert yet; the review task repeats while it is above 0. */
    public static final String FEEDBACK_PENDING = "feedbackPending";
    /** Feedback entries received by the run so far (every post that started or joined it adds its count). */
    public static final String FEEDBACK_RECEIVED = "feedbackReceived";

    private Vars() {
    }
}
