package io.refinery.workflows;

/** Process definition keys and the ids of the BPMN elements that tests and the UI refer to. */
public final class Processes {
    public static final String DATASET_CONSTRUCTION = "dataset-construction";
    /** Decision key of the QC gate's rules (qc-gate.dmn). */
    public static final String QC_DECISION_KEY = "qc-gate";

    /** Element ids in dataset-construction.bpmn. */
    public static final class Steps {
        public static final String DEMAND_APPROVAL = "demandApproval";
        public static final String COLLECT = "collect";
        public static final String PROCESS = "process";
        public static final String PRELABEL = "prelabel";
        public static final String PLAN_ROUND = "planRound";
        public static final String LABEL = "label";
        /** The wave subprocess around {@link #LABEL}: a parallel multi-instance, one asynchronous job per wave. */
        public static final String LABEL_ROUND = "labelRound";
        public static final String LABEL_WAVE_START = "labelWaveStart";
        public static final String LABEL_WAVE_END = "labelWaveEnd";
        public static final String LABEL_SLA_TIMER = "labelSlaTimer";
        public static final String LABEL_ESCALATION = "labelEscalation";
        public static final String EXPERT_REVIEW = "expertReview";
        /** After expert review: rejected items go back to their annotators (rework), else on to QC. */
        public static final String REVIEW_GATEWAY = "reviewGateway";
        /** Multi-instance user task: one per (package, annotator) with rejected items, assigned to that annotator. */
        public static final String REWORK = "rework";
        public static final String QC = "qc";
        /** Business rule task: evaluates decision {@link Processes#QC_DECISION_KEY} into variable qcDecision. */
        public static final String QC_RULES = "qcRules";
        public static final String GATE = "qcGate";
        public static final String QC_FAILED_DECISION = "qcFailedDecision";
        public static final String RELEASE = "release";
        public static final String END_RELEASED = "released";
        public static final String END_REJECTED = "demandRejected";
        public static final String END_ABANDONED = "abandoned";
        public static final String START = "start";
        public static final String APPROVED_GATEWAY = "approvedGateway";
        public static final String RELEASE_ANYWAY_GATEWAY = "releaseAnywayGateway";
        public static final String END_ESCALATION_HANDLED = "escalationHandled";
        /** Sequence flows leaving the QC gate. */
        public static final String GATE_PASS = "gatePass";
        public static final String GATE_REWORK = "gateRework";
        public static final String GATE_EXHAUSTED = "gateExhausted";
        /** Sequence flows leaving the review gateway. */
        public static final String REVIEW_REJECTED = "reviewRejected";
        public static final String REVIEW_DONE = "reviewDone";
        /** Manager task "Add data for classes": classes below coverage k need more items before collect runs again. */
        public static final String ADD_DATA = "addData";
        /** Sequence flow from the QC gate to {@link #ADD_DATA} (route collect-more). */
        public static final String GATE_COLLECT_MORE = "gateCollectMore";

        private Steps() {
        }
    }

    /** Drift check of a released version against newer data (drift-check.bpmn), started by a schedule. */
    public static final String DRIFT_CHECK = "drift-check";

    /** Element ids in drift-check.bpmn. */
    public static final class DriftSteps {
        public static final String START = "driftStart";
        public static final String CHECK = "driftCheck";
        public static final String GATEWAY = "driftGateway";
        /** Sequence flows leaving the gateway. */
        public static final String OVER_LIMIT = "driftOverLimit";
        public static final String WITHIN_LIMITS = "driftWithinLimits";
        /** User task for the managers when a limit is crossed. */
        public static final String REVIEW = "reviewDrift";
        public static final String END_WITHIN_LIMITS = "driftOk";
        public static final String END_REVIEWED = "driftReviewed";

        private DriftSteps() {
        }
    }

    // model feedback (issue 5, catalog and delivery)
    /** Process key of model-feedback.bpmn: consumers' model errors, reviewed by an expert, queued as hard examples. */
    public static final String MODEL_FEEDBACK = "model-feedback";
    /**
     * Message that starts a feedback run for a dataset (message start event) or joins the open one (event
     * subprocess), correlated by business key {@code dataset-<datasetId>}.
     */
    public static final String FEEDBACK_MESSAGE = "modelFeedbackReceived";

    /** Element ids in model-feedback.bpmn. */
    public static final class Feedback {
        public static final String START = "feedbackReceived";
        /** User task for group experts: confirm the expected label of each model error, or discard it. */
        public static final String REVIEW = "feedbackReview";
        public static final String MORE_GATEWAY = "moreFeedbackGateway";
        public static final String JOINED = "feedbackJoined";
        public static final String END_QUEUED = "hardExamplesQueued";

        private Feedback() {
        }
    }

    private Processes() {
    }
}
