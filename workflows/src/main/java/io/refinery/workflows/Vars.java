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
    /** Why a manager rejected the demand (required by the approval page; also a comment on the task). */
    public static final String REJECT_REASON = "rejectReason";
    /** What the approving manager asked the initiator to change (set while the approval is sent back). */
    public static final String CHANGES_REQUESTED = "changesRequested";
    /**
     * Where collect reads from: {@code upload} (the version's uploaded files), {@code folder:<path under the collect
     * root>} or {@code url:<url> [<url> ...]} (see {@link io.refinery.workflows.sources.UrlPolicy}).
     */
    public static final String SOURCE = "source";
    public static final String PACKAGE_SIZE = "packageSize";
    public static final String OVERLAP = "overlap";
    /** ISO-8601 duration for the labelling SLA timer, e.g. P3D or PT30S. */
    public static final String LABEL_SLA = "labelSla";
    public static final String MAX_ROUNDS = "maxRounds";
    /** Priority of the build's human tasks, 0–100 (default 50); human steps take it as their task priority. */
    public static final String PRIORITY = "priority";

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

    // labelling rounds: the label step is a multi-instance user task inside a multi-instance wave subprocess
    // (LabelWaves): labelWaveCount waves of labelWaveSize tasks (the last one smaller), labelTaskCount in all
    public static final String LABEL_TASK_COUNT = "labelTaskCount";
    public static final String LABEL_WAVE_COUNT = "labelWaveCount";
    public static final String LABEL_WAVE_SIZE = "labelWaveSize";
    /** Local variable of each wave: its index (0-based, from the wave's loopCounter). */
    public static final String LABEL_WAVE = "labelWave";
    public static final String ROUND = "round";
    /** Local variable of each label task: the index of its assignment in this round (labelWave * labelWaveSize + loopCounter). */
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

    // schedules and drift checks (issue 5)
    /** The schedule whose firing started this instance (absent for instances started otherwise). */
    public static final String SCHEDULE_ID = "scheduleId";
    /** Drift check: the released version taken as reference, and the version whose items are compared with it. */
    public static final String DRIFT_REFERENCE_VERSION_ID = "driftReferenceVersionId";
    public static final String DRIFT_VERSION_ID = "driftVersionId";
    /** Drift limits (process variables; the drift-check process sets the defaults when they are absent). */
    public static final String MAX_PSI = "maxPsi";
    public static final String MAX_TVD = "maxTvd";
    public static final String MAX_ANOMALY_RATIO = "maxAnomalyRatio";
    /** What the drift check measured, and a one-line summary of the limits crossed (empty when none). */
    public static final String DRIFT_PSI = "driftPsi";
    public static final String DRIFT_TVD = "driftTvd";
    public static final String DRIFT_ANOMALY_RATIO = "driftAnomalyRatio";
    public static final String DRIFT_SUMMARY = "driftSummary";

    // ---- issue 5, quality gate (metrics library, gate, report) ----
    // more thresholds; the QC worker applies a default to each the demand leaves out and writes the effective
    // value back, so the gate's rules can name them (values: ThresholdValues, defaults: Threshold)
    /** Krippendorff's alpha (nominal), classification tasks. */
    public static final String MIN_ALPHA = "minAlpha";
    /** Mean IoU of matched boxes of two annotators, image-bbox. */
    public static final String MIN_IOU = "minIou";
    /** Exact span + label F1 between annotators, ner. */
    public static final String MIN_SPAN_F1 = "minSpanF1";
    /** Share of gold items answered correctly (all annotators); gold is optional: none answered passes. */
    public static final String MIN_GOLD_ACCURACY = "minGoldAccuracy";
    /** Near-duplicates (reported by the process step as stats.process.nearDuplicates) / collected rows. */
    public static final String MAX_NEAR_DUPLICATE_RATE = "maxNearDuplicateRate";
    /** Coverage k: every class of the label set needs at least this many items; fewer sends the build to collect more. */
    public static final String MIN_CLASS_COUNT = "minClassCount";
    /** Share of final answers that are valid for the task type's schema. */
    public static final String MIN_VALIDITY = "minValidity";
    // more metrics; {@code null} = not applicable to the task type (the gate passes it)
    public static final String METRIC_ALPHA = "metricAlpha";
    public static final String METRIC_FLEISS_KAPPA = "metricFleissKappa";
    public static final String METRIC_IOU = "metricIou";
    public static final String METRIC_SPAN_F1 = "metricSpanF1";
    public static final String METRIC_GOLD_ACCURACY = "metricGoldAccuracy";
    public static final String METRIC_NEAR_DUPLICATE_RATE = "metricNearDuplicateRate";
    public static final String METRIC_VALIDITY = "metricValidity";
    /** The smallest number of items of one class (compared with minClassCount). */
    public static final String METRIC_MIN_CLASS_COUNT = "metricMinClassCount";
    /** Median age of the data in days (timeliness; reported, not gated). */
    public static final String METRIC_DATA_AGE_DAYS = "metricDataAgeDays";
    /** Comma-separated names of the QC checks that failed ("" when all passed), e.g. {@code agreement,classCoverage}. */
    public static final String QC_FAILED_CHECKS = "qcFailedChecks";
    /** Comma-separated classes with fewer than minClassCount items: what the manager is asked to collect more of. */
    public static final String COLLECT_CLASSES = "collectClasses";

    // model feedback (model-feedback.bpmn)
    /** Feedback entries of the run not decided by the expert yet; the review task repeats while it is above 0. */
    public static final String FEEDBACK_PENDING = "feedbackPending";
    /** Feedback entries received by the run so far (every post that started or joined it adds its count). */
    public static final String FEEDBACK_RECEIVED = "feedbackReceived";

    private Vars() {
    }
}
