package io.refinery.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.refinery.workflows.Processes.Steps;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.LoopCardinality;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.DiagramElement;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Process tests for {@code dataset-construction.bpmn}: every path and loop through the engine (in-memory H2, see
 * {@code camunda.cfg.xml}), plus static checks of the model against the shared constants and of its diagram.
 * All names come from {@link Topics}, {@link Vars}, {@link Groups} and {@link Processes.Steps}.
 */
@Deployment(resources = {DatasetConstructionProcessTest.BPMN, DatasetConstructionProcessTest.DMN})
class DatasetConstructionProcessTest {

    static final String BPMN = "processes/dataset-construction.bpmn";
    static final String DMN = "processes/qc-gate.dmn";
    private static final String WORKER = "test-worker";
    private static final long LOCK_MILLIS = 60_000L;
    private static final String REQUESTER = "mia";
    private static final String DATASET = "ds-42";
    private static final String VERSION = "ds-42-v1";
    /** Activity id Camunda gives the container of the parallel label instances. */
    private static final String LABEL_BODY = Steps.LABEL + "#multiInstanceBody";
    private static final String ROUND_BODY = Steps.LABEL_ROUND + "#multiInstanceBody";
    private static final String REWORK_BODY = Steps.REWORK + "#multiInstanceBody";

    /** Which step each topic belongs to. */
    private static final Map<String, String> STEP_OF_TOPIC = Map.of(
            Topics.COLLECT, Steps.COLLECT,
            Topics.PROCESS, Steps.PROCESS,
            Topics.PRELABEL, Steps.PRELABEL,
            Topics.PLAN_ROUND, Steps.PLAN_ROUND,
            Topics.QC, Steps.QC,
            Topics.RELEASE, Steps.RELEASE);

    /** The model as shipped on the classpath, parsed (and schema-validated) by the Camunda model API. */
    private static final BpmnModelInstance MODEL = readModel();

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    private RuntimeService runtimeService;
    private TaskService taskService;
    private ExternalTaskService externalTaskService;
    private ManagementService managementService;
    private HistoryService historyService;
    private IdentityService identityService;
    private FormService formService;

    @BeforeEach
    void services() {
        ProcessEngine engine = extension.getProcessEngine();
        BpmnAwareTests.init(engine);
        runtimeService = engine.getRuntimeService();
        taskService = engine.getTaskService();
        externalTaskService = engine.getExternalTaskService();
        managementService = engine.getManagementService();
        historyService = engine.getHistoryService();
        identityService = engine.getIdentityService();
        formService = engine.getFormService();
    }

    @AfterEach
    void resetAssertions() {
        identityService.clearAuthentication();
        BpmnAwareTests.reset();
    }

    // ------------------------------------------------------------------------------------------------ paths

    @Test
    void rejectedDemandEndsWithoutCreatingAnyExternalTask() {
        ProcessInstance pi = startDemand();
        assertThat(pi).isWaitingAtExactly(Steps.DEMAND_APPROVAL);
        assertThat(pi).variables()
                .containsEntry(Vars.INITIATOR, REQUESTER)
                .containsEntry(Vars.ROUND, 1L);

        Task approval = singleTask(pi, Steps.DEMAND_APPROVAL);
        assertThat(approval).hasCandidateGroup(Groups.MANAGERS);
        taskService.complete(approval.getId(), Map.of(Vars.APPROVED, false));

        assertThat(pi).isEnded().hasPassed(Steps.END_REJECTED).hasNotPassed(Steps.COLLECT);
        assertThat(historyService.createHistoricExternalTaskLogQuery().processInstanceId(pi.getId()).count())
                .as("external task log entries").isZero();
        assertThat(externalTaskService.createExternalTaskQuery().count()).isZero();
    }

    @Test
    void happyPathReleasesAfterOneRound() {
        ProcessInstance pi = startDemand();
        approveDemand(pi);
        runThroughPrelabel(pi, 4);

        assertThat(pi).isWaitingAtExactly(ROUND_BODY, Steps.LABEL_ROUND, LABEL_BODY, Steps.LABEL);
        assertLabelRound(pi, 4, 1);
        completeLabelTasks(pi);

        expertReview(pi);
        completeExternal(Topics.QC, passingMetrics());
        release(pi);

        assertThat(pi).hasPassedInOrder(Steps.START, Steps.DEMAND_APPROVAL, Steps.APPROVED_GATEWAY, Steps.COLLECT,
                        Steps.PROCESS, Steps.PRELABEL, Steps.PLAN_ROUND, Steps.LABEL_ROUND, Steps.EXPERT_REVIEW, Steps.QC, Steps.GATE,
                        Steps.RELEASE, Steps.END_RELEASED)
                .hasNotPassed(Steps.QC_FAILED_DECISION, Steps.LABEL_ESCALATION);
        assertThat(historicActivityCount(pi, Steps.LABEL)).isEqualTo(4);
        assertThat(historicRound(pi)).isEqualTo(1);
        assertThat(historicVariable(pi, Vars.RELEASE_VERSION)).isEqualTo("1.0.0");
    }

    @Test
    void labelTasksAreCreatedWaveByWaveEachInItsOwnJob() {
        ProcessInstance pi = startDemand();
        approveDemand(pi);
        completeExternal(Topics.COLLECT, Map.of(Vars.COLLECTED_COUNT, 1200, Vars.QUARANTINED_COUNT, 7));
        completeExternal(Topics.PROCESS, Map.of(Vars.ITEM_COUNT, 1100, Vars.DUPLICATE_COUNT, 93, Vars.PII_MASKED_COUNT, 12));
        completeExternal(Topics.PRELABEL, Map.of(Vars.PRELABELED_COUNT, 800));
        completeExternal(Topics.PLAN_ROUND, WaveJobs.planned(450));
        assertThat(labelTasks(pi)).as("the plan-round completion creates no task itself").isEmpty();
        List<Job> waves = managementService.createJobQuery().processInstanceId(pi.getId()).messages().list();
        assertThat(waves).as("waves of 200, 200 and 50").hasSize(3);
        List<Integer> created = new ArrayList<>();
        for (Job wave : waves) {
            int before = labelTasks(pi).size();
            managementService.executeJob(wave.getId());
            created.add(labelTasks(pi).size() - before);
        }
        assertThat(created).containsExactlyInAnyOrder(200, 200, 50);
        assertLabelRound(pi, 450, 1);
        assertThat(slaTimers(pi)).as("one SLA timer for the round, not one per wave").hasSize(1);
        completeLabelTasks(pi);
        assertThat(pi).isWaitingAtExactly(Steps.EXPERT_REVIEW);
    }

    @Test
    void failedQcReworksOnlyThePackagesQcAsksForAndThenReleases() {
        ProcessInstance pi = startDemand();
        approveDemand(pi);
        runThroughPrelabel(pi, 4);
        assertLabelRound(pi, 4, 1);
        completeLabelTasks(pi);
        expertReview(pi);

        completeExternal(Topics.QC, failingMetrics(2));
        planRound(pi, 2);

        assertThat(pi).isWaitingAtExactly(ROUND_BODY, Steps.LABEL_ROUND, LABEL_BODY, Steps.LABEL).hasNotPassed(Steps.QC_FAILED_DECISION, Steps.RELEASE);
        assertThat(runtimeService.getVariable(pi.getId(), Vars.LABEL_TASK_COUNT)).isEqualTo(2);
        assertLabelRound(pi, 2, 2);
        assertThat(slaTimers(pi)).as("SLA timer re-armed for round 2").hasSize(1);
        completeLabelTasks(pi);

        expertReview(pi);
        completeExternal(Topics.QC, passingMetrics());
        release(pi);

        assertThat(historicRound(pi)).isEqualTo(2);
        assertThat(historicActivityCount(pi, Steps.LABEL)).isEqualTo(4 + 2);
        assertThat(historicActivityCount(pi, Steps.EXPERT_REVIEW)).isEqualTo(2);
        assertThat(historicActivityCount(pi, Steps.QC)).isEqualTo(2);
        assertThat(pi).hasNotPassed(Steps.QC_FAILED_DECISION);
    }

    @Test
    void rejectedItemsGoBackToEachAnnotatorThenToReviewAgainThenToQc() {
        ProcessInstance pi = startDemand();
        approveDemand(pi);
        runThroughPrelabel(pi, 4);
        completeLabelTasks(pi);

        rejectInReview(pi, "ann1", "ann2");

        assertThat(pi).isWaitingAtExactly(REWORK_BODY, Steps.REWORK).hasPassed(Steps.REVIEW_GATEWAY)
                .hasNotPassed(Steps.QC);
        List<Task> rework = reworkTasks(pi);
        assertThat(rework).extracting(Task::getAssignee).containsExactlyInAnyOrder("ann1", "ann2");
        for (Task task : rework) {
            int index = ((Number) taskService.getVariableLocal(task.getId(), Vars.REWORK_INDEX)).intValue();
            assertThat(task.getAssignee()).as("instance %d goes to the %d-th assignee", index, index)
                    .isEqualTo(List.of("ann1", "ann2").get(index));
            assertThat(taskService.getVariable(task.getId(), Vars.ROUND)).isEqualTo(1L);
            assertThat(task.getName()).isEqualTo("Fix rejected items / 返工驳回条目");
        }
        assertThat(taskService.createTaskQuery().taskCandidateGroup(Groups.ANNOTATORS).taskDefinitionKey(Steps.REWORK)
                .count()).as("assigned, so offered to nobody else").isZero();

        taskService.complete(rework.get(0).getId());
        assertThat(pi).as("the review waits for every rework").isWaitingAtExactly(REWORK_BODY, Steps.REWORK);
        taskService.complete(rework.get(1).getId());

        assertThat(pi).isWaitingAtExactly(Steps.EXPERT_REVIEW);
        assertThat(runtimeService.getVariable(pi.getId(), Vars.REVIEW_REWORK_COUNT)).as("reset when review starts")
                .isEqualTo(0L);
        expertReview(pi);
        completeExternal(Topics.QC, passingMetrics());
        release(pi);
        assertThat(pi).hasPassedInOrder(Steps.LABEL, Steps.EXPERT_REVIEW, Steps.REVIEW_GATEWAY, Steps.REWORK,
                Steps.EXPERT_REVIEW, Steps.REVIEW_GATEWAY, Steps.QC);
        assertThat(historicActivityCount(pi, Steps.REWORK)).isEqualTo(2);
        assertThat(historicActivityCount(pi, Steps.EXPERT_REVIEW)).isEqualTo(2);
    }

    @Test
    void reworkLoopsAsLongAsTheExpertRejectsAndWorksInLaterRoundsToo() {
        ProcessInstance pi = startDemand();
        approveDemand(pi);
        runThroughPrelabel(pi, 4);
        completeLabelTasks(pi);
        rejectInReview(pi, "ann3");
        assertThat(reworkTasks(pi)).singleElement().extracting(Task::getAssignee).isEqualTo("ann3");
        completeReworkTasks(pi);
        rejectInReview(pi, "ann3");
        completeReworkTasks(pi);
        expertReview(pi);

        completeExternal(Topics.QC, failingMetrics(2));
        planRound(pi, 2);
        assertLabelRound(pi, 2, 2);
        completeLabelTasks(pi);
        rejectInReview(pi, "ann1");
        Task inRound2 = reworkTasks(pi).get(0);
        assertThat(taskService.getVariable(inRound2.getId(), Vars.ROUND)).isEqualTo(2L);
        completeReworkTasks(pi);
        expertReview(pi);
        completeExternal(Topics.QC, passingMetrics());
        release(pi);
        assertThat(historicActivityCount(pi, Steps.REWORK)).isEqualTo(3);
        assertThat(historicActivityCount(pi, Steps.EXPERT_REVIEW)).isEqualTo(5);
    }

    @Test
    void reworkIsAParallelMultiInstanceAssignedPerInstanceByTheReview() {
        UserTask rework = MODEL.getModelElementById(Steps.REWORK);
        MultiInstanceLoopCharacteristics mi = (MultiInstanceLoopCharacteristics) rework.getLoopCharacteristics();
        assertThat(mi.isSequential()).isFalse();
        assertThat(mi.getLoopCardinality().getTextContent()).isEqualTo("${" + Vars.REVIEW_REWORK_COUNT + "}");
        assertThat(rework.getCamundaAssignee()).isEqualTo("${" + Vars.REWORK_ASSIGNEES + ".split(',')[loopCounter]}");
        assertThat(rework.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list())
                .extracting(l -> l.getCamundaEvent() + " " + l.getCamundaExpression())
                .containsExactly("create ${task.setVariableLocal(\"" + Vars.REWORK_INDEX + "\", loopCounter)}");
        SequenceFlow rejected = MODEL.getModelElementById(Steps.REVIEW_REJECTED);
        SequenceFlow done = MODEL.getModelElementById(Steps.REVIEW_DONE);
        assertThat(rejected.getTarget().getId()).isEqualTo(Steps.REWORK);
        assertThat(done.getTarget().getId()).isEqualTo(Steps.QC);
        assertThat(rejected.getConditionExpression().getTextContent()).isEqualTo("${" + Vars.REVIEW_REWORK_COUNT + " > 0}");
        assertThat(done.getConditionExpression().getTextContent()).isEqualTo("${" + Vars.REVIEW_REWORK_COUNT + " == 0}");
        assertThat(rework.getOutgoing()).singleElement()
                .satisfies(f -> assertThat(f.getTarget().getId()).isEqualTo(Steps.EXPERT_REVIEW));
    }

    @Test
    void qcFailingMaxRoundsTimesLetsAManagerReleaseAnyway() {
        ProcessInstance pi = startDemandAndFailQcMaxRounds();

        submitForm(singleTask(pi, Steps.QC_FAILED_DECISION), Map.of(Vars.RELEASE_ANYWAY, true));
        release(pi);

        assertThat(pi).hasPassed(Steps.QC_FAILED_DECISION, Steps.RELEASE_ANYWAY_GATEWAY).hasNotPassed(Steps.END_ABANDONED);
        assertThat(historicRound(pi)).isEqualTo(2);
    }

    @Test
    void qcFailingMaxRoundsTimesLetsAManagerAbandonTheBuild() {
        ProcessInstance pi = startDemandAndFailQcMaxRounds();

        submitForm(singleTask(pi, Steps.QC_FAILED_DECISION), Map.of(Vars.RELEASE_ANYWAY, false));

        assertThat(pi).isEnded().hasPassed(Steps.END_ABANDONED).hasNotPassed(Steps.RELEASE, Steps.END_RELEASED);
        assertThat(historyService.createHistoricExternalTaskLogQuery().processInstanceId(pi.getId())
                .activityIdIn(Steps.RELEASE).count()).isZero();
    }

    @Test
    void labelSlaTimerEscalatesWithoutInterruptingLabelling() {
        ProcessInstance pi = startDemand();
        approveDemand(pi);
        runThroughPrelabel(pi, 3);

        List<Job> timers = slaTimers(pi);
        assertThat(timers).hasSize(1);
        Instant due = timers.get(0).getDuedate().toInstant();
        assertThat(Duration.between(Instant.now(), due)).isBetween(Duration.ofMinutes(55), Duration.ofMinutes(61));

        managementService.executeJob(timers.get(0).getId());

        assertThat(pi).isWaitingAtExactly(ROUND_BODY, Steps.LABEL_ROUND, LABEL_BODY, Steps.LABEL, Steps.LABEL_ESCALATION);
        Task escalation = singleTask(pi, Steps.LABEL_ESCALATION);
        assertThat(escalation).hasCandidateGroup(Groups.MANAGERS);
        assertLabelRound(pi, 3, 1);
        assertThat(slaTimers(pi)).as("a duration timer fires once per round").isEmpty();

        taskService.complete(escalation.getId());
        assertThat(pi).isWaitingAtExactly(ROUND_BODY, Steps.LABEL_ROUND, LABEL_BODY, Steps.LABEL).hasPassed(Steps.END_ESCALATION_HANDLED);
        assertLabelRound(pi, 3, 1);

        completeLabelTasks(pi);
        expertReview(pi);
        completeExternal(Topics.QC, passingMetrics());
        release(pi);
    }

    @Test
    void finishingLabellingBeforeTheSlaCancelsTheTimer() {
        ProcessInstance pi = startDemand();
        approveDemand(pi);
        runThroughPrelabel(pi, 2);
        assertThat(slaTimers(pi)).hasSize(1);

        completeLabelTasks(pi);

        assertThat(slaTimers(pi)).isEmpty();
        assertThat(pi).isWaitingAtExactly(Steps.EXPERT_REVIEW).hasNotPassed(Steps.LABEL_ESCALATION);
    }

    /** Each clause of the gate on its own sends the build back to labelling; values exactly at a threshold pass. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gateCases")
    void gateComparesEveryMetricWithItsThreshold(String description, Map<String, Object> metricOverrides, boolean passes) {
        ProcessInstance pi = startDemand();
        approveDemand(pi);
        runThroughPrelabel(pi, 1);
        completeLabelTasks(pi);
        expertReview(pi);

        Map<String, Object> metrics = passingMetrics();
        metrics.putAll(metricOverrides);
        metrics.put(Vars.REWORK_TASK_COUNT, 1);
        completeExternal(Topics.QC, metrics);

        if (passes) {
            assertThat(pi).isWaitingAtExactly(Steps.RELEASE);
        } else {
            planRound(pi, 1);
            assertThat(pi).isWaitingAtExactly(ROUND_BODY, Steps.LABEL_ROUND, LABEL_BODY, Steps.LABEL);
            assertLabelRound(pi, 1, 2);
        }
    }

    static Stream<Arguments> gateCases() {
        Map<String, Object> atThresholds = new HashMap<>();
        thresholds().forEach((threshold, value) -> atThresholds.put(metricOf(threshold), value));
        return Stream.of(
                Arguments.of("completeness below minimum", Map.of(Vars.METRIC_COMPLETENESS, 0.97), false),
                Arguments.of("agreement below minimum", Map.of(Vars.METRIC_AGREEMENT, 0.79), false),
                Arguments.of("kappa below minimum", Map.of(Vars.METRIC_KAPPA, 0.59), false),
                Arguments.of("duplicate rate above maximum", Map.of(Vars.METRIC_DUPLICATE_RATE, 0.021), false),
                Arguments.of("sensitive ratio above maximum", Map.of(Vars.METRIC_SENSITIVE_RATIO, 0.0001), false),
                Arguments.of("validity below minimum", Map.of(Vars.METRIC_VALIDITY, 0.98), false),
                Arguments.of("Krippendorff's alpha below minimum", Map.of(Vars.METRIC_ALPHA, 0.66), false),
                Arguments.of("box IoU below minimum", Map.of(Vars.METRIC_IOU, 0.49), false),
                Arguments.of("span F1 below minimum", Map.of(Vars.METRIC_SPAN_F1, 0.79), false),
                Arguments.of("gold accuracy below minimum", Map.of(Vars.METRIC_GOLD_ACCURACY, 0.89), false),
                Arguments.of("near-duplicate rate above maximum", Map.of(Vars.METRIC_NEAR_DUPLICATE_RATE, 0.031), false),
                Arguments.of("boxes: kappa and alpha do not apply, IoU passes",
                        mapOf(Vars.METRIC_KAPPA, null, Vars.METRIC_ALPHA, null, Vars.METRIC_IOU, 0.5), true),
                Arguments.of("instruction data: no agreement at all",
                        mapOf(Vars.METRIC_AGREEMENT, null, Vars.METRIC_KAPPA, null, Vars.METRIC_ALPHA, null), true),
                Arguments.of("every metric exactly at its threshold", atThresholds, true));
    }

    /** A map that may hold null values (Map.of may not). */
    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void classesBelowCoverageGoBackToCollectionThroughAManagerAndOnlyThenToLabelling() {
        ProcessInstance pi = startAndLabelRoundOne(4);

        Map<String, Object> metrics = passingMetrics();
        metrics.put(Vars.METRIC_MIN_CLASS_COUNT, 3.0);
        metrics.put(Vars.QC_PASSED, false);
        metrics.put(Vars.QC_FAILED_CHECKS, "minClassCount");
        metrics.put(Vars.COLLECT_CLASSES, "refund");
        metrics.put(Vars.REWORK_TASK_COUNT, 2); // failing packages too: relabelled in the same next round
        completeExternal(Topics.QC, metrics);

        assertThat(pi).isWaitingAtExactly(Steps.ADD_DATA).hasPassed(Steps.GATE).hasNotPassed(Steps.QC_FAILED_DECISION);
        Task addData = singleTask(pi, Steps.ADD_DATA);
        assertThat(addData).hasCandidateGroup(Groups.MANAGERS);
        assertThat(formService.getTaskFormData(addData.getId()).getFormFields()).singleElement().satisfies(f -> {
            assertThat(f.getId()).isEqualTo(Vars.COLLECT_CLASSES);
            assertThat(f.getValue().getValue()).as("the classes to collect more of").isEqualTo("refund");
        });
        assertThat(runtimeService.getVariable(pi.getId(), Vars.QC_DECISION)).extracting("route").isEqualTo("collect-more");
        assertThat(runtimeService.getVariable(pi.getId(), Vars.ROUND)).as("the next labelling round").isEqualTo(2L);
        taskService.complete(addData.getId());

        assertThat(pi).isWaitingAtExactly(Steps.COLLECT);
        runThroughPrelabel(pi, 3); // new packages + the failing ones, planned for round 2 after pre-label
        assertLabelRound(pi, 3, 2);
        completeLabelTasks(pi);
        expertReview(pi);
        completeExternal(Topics.QC, passingMetrics());
        release(pi);

        assertThat(historicActivityCount(pi, Steps.COLLECT)).isEqualTo(2);
        assertThat(historicActivityCount(pi, Steps.ADD_DATA)).isEqualTo(1);
        assertThat(historicRound(pi)).isEqualTo(2);
    }

    @Test
    void coverageStillShortInTheLastRoundGoesToTheManagersDecision() {
        ProcessInstance pi = startAndLabelRoundOne(1);
        Map<String, Object> shortOfData = passingMetrics();
        shortOfData.put(Vars.METRIC_MIN_CLASS_COUNT, 0.0);
        completeExternal(Topics.QC, shortOfData);
        taskService.complete(singleTask(pi, Steps.ADD_DATA).getId());
        runThroughPrelabel(pi, 1);
        completeLabelTasks(pi);
        expertReview(pi);

        completeExternal(Topics.QC, shortOfData); // round 2 = maxRounds

        assertThat(pi).isWaitingAtExactly(Steps.QC_FAILED_DECISION);
    }

    @Test
    void aFailureThatNoRelabellingCanFixGoesStraightToTheManager() {
        ProcessInstance pi = startAndLabelRoundOne(2);
        Map<String, Object> metrics = passingMetrics();
        metrics.put(Vars.METRIC_GOLD_ACCURACY, 0.5);
        metrics.put(Vars.QC_FAILED_CHECKS, "goldAccuracy");
        metrics.put(Vars.REWORK_TASK_COUNT, 0); // every package passed: nothing to relabel

        completeExternal(Topics.QC, metrics);

        assertThat(pi).as("no empty labelling round").isWaitingAtExactly(Steps.QC_FAILED_DECISION);
        assertThat(historicRound(pi)).isEqualTo(1);
        assertThat(runtimeService.getVariable(pi.getId(), Vars.QC_FAILED_CHECKS)).isEqualTo("goldAccuracy");
    }

    /** A demand with only the five form thresholds and a QC that reports only the five old metrics still gates. */
    @Test
    void theGateWorksWithoutTheNewerMetricsAndThresholds() {
        Map<String, Object> vars = demandVariables();
        vars.keySet().removeIf(k -> thresholds().containsKey(k) && !formThresholds().containsKey(k));
        identityService.setAuthenticatedUserId(REQUESTER);
        ProcessInstance pi = runtimeService.startProcessInstanceByKey(Processes.DATASET_CONSTRUCTION, VERSION, vars);
        identityService.clearAuthentication();
        approveDemand(pi);
        runThroughPrelabel(pi, 1);
        completeLabelTasks(pi);
        expertReview(pi);
        Map<String, Object> old = new HashMap<>();
        for (String name : List.of(Vars.METRIC_COMPLETENESS, Vars.METRIC_AGREEMENT, Vars.METRIC_KAPPA,
                Vars.METRIC_DUPLICATE_RATE, Vars.METRIC_SENSITIVE_RATIO, Vars.REWORK_TASK_COUNT)) {
            old.put(name, passingMetrics().get(name));
        }

        completeExternal(Topics.QC, old);

        assertThat(pi).isWaitingAtExactly(Steps.RELEASE);
    }

    @Test
    void thresholdsMayBeOverriddenWhenTheDemandIsApproved() {
        ProcessInstance pi = startDemand();
        Task approval = singleTask(pi, Steps.DEMAND_APPROVAL);
        taskService.complete(approval.getId(), Map.of(Vars.APPROVED, true, Vars.MIN_AGREEMENT, 0.5));
        runThroughPrelabel(pi, 1);
        completeLabelTasks(pi);
        expertReview(pi);

        completeExternal(Topics.QC, failingMetrics(1)); // agreement 0.55: fails 0.8, passes 0.5

        assertThat(pi).isWaitingAtExactly(Steps.RELEASE);
    }

    @Test
    void demandFormHasTheSharedFieldIdsAndNeedsADecision() {
        ProcessInstance pi = startDemand();
        Task approval = singleTask(pi, Steps.DEMAND_APPROVAL);

        List<FormField> fields = formService.getTaskFormData(approval.getId()).getFormFields();
        Map<String, String> typeById = new LinkedHashMap<>();
        fields.forEach(f -> typeById.put(f.getId(), f.getTypeName()));
        assertThat(typeById).containsExactly(
                Map.entry(Vars.NAME, "string"),
                Map.entry(Vars.TASK_TYPE, "enum"),
                Map.entry(Vars.LABEL_SET, "string"),
                Map.entry(Vars.LABEL_RULES, "string"),
                Map.entry(Vars.TARGET_SIZE, "long"),
                Map.entry(Vars.DUE_DATE, "date"),
                Map.entry(Vars.APPROVED, "boolean"));
        FormField taskType = fields.get(1);
        @SuppressWarnings("unchecked")
        Map<String, String> values = (Map<String, String>) taskType.getType().getInformation("values");
        assertThat(values).containsOnlyKeys("text-classification", "text-multilabel", "ner",
                "image-classification", "image-bbox", "instruction");
        assertThat(fields.get(0).getValue().getValue()).as("prefilled from the demand").isEqualTo("Support intents");

        assertThatThrownBy(() -> formService.submitTaskForm(approval.getId(), Map.of()))
                .as("approved is required").isInstanceOf(ProcessEngineException.class);

        Date dueDate = Date.from(Instant.now().plus(Duration.ofDays(14)));
        formService.submitTaskForm(approval.getId(), Map.of(Vars.APPROVED, true, Vars.TARGET_SIZE, 2000L,
                Vars.DUE_DATE, dueDate, Vars.TASK_TYPE, "text-multilabel"));

        assertThat(pi).isWaitingAtExactly(Steps.COLLECT).variables()
                .containsEntry(Vars.APPROVED, true)
                .containsEntry(Vars.TARGET_SIZE, 2000L)
                .containsEntry(Vars.TASK_TYPE, "text-multilabel")
                .containsEntry(Vars.DUE_DATE, dueDate);
    }

    // ------------------------------------------------------------------------------------------------ model

    @Test
    void processHasKeyNameVersionTagAndHistoryTimeToLive() {
        org.camunda.bpm.model.bpmn.instance.Process process = MODEL.getModelElementById(Processes.DATASET_CONSTRUCTION);
        assertThat(process).isNotNull();
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getName()).isEqualTo("Dataset construction / 数据集构建");
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("180");
        assertThat(process.getCamundaVersionTag()).isEqualTo("1");
        StartEvent start = MODEL.getModelElementById(Steps.START);
        assertThat(start.getCamundaInitiator()).isEqualTo(Vars.INITIATOR);
    }

    @Test
    void everyStepConstantIsAnElementAndEveryFlowNodeHasAConstant() {
        Set<String> steps = constants(Processes.Steps.class);
        for (String id : steps) {
            assertThat((Object) MODEL.getModelElementById(id)).as("element %s", id).isInstanceOf(FlowElement.class);
        }
        Set<String> flowNodeIds = MODEL.getModelElementsByType(FlowNode.class).stream()
                .map(BaseElement::getId).collect(Collectors.toSet());
        assertThat(steps).containsAll(flowNodeIds);
    }

    @Test
    void everyTopicIsUsedByExactlyOneExternalTaskOfItsStep() {
        Map<String, String> topicByTask = new HashMap<>();
        for (ServiceTask task : MODEL.getModelElementsByType(ServiceTask.class)) {
            assertThat(task.getCamundaType()).as("type of %s", task.getId()).isEqualTo("external");
            topicByTask.put(task.getId(), task.getCamundaTopic());
        }
        assertThat(topicByTask.values()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        STEP_OF_TOPIC.forEach((topic, step) -> assertThat(topicByTask).containsEntry(step, topic));
        assertThat(constants(Topics.class)).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Topics.ALL.stream(), Topics.OTHER_PROCESSES.stream()).toList());
    }

    @Test
    void everyUserTaskHasAKnownCandidateGroup() {
        Set<String> groups = constants(Groups.class);
        Map<String, String> groupByTask = new HashMap<>();
        for (UserTask task : MODEL.getModelElementsByType(UserTask.class)) {
            String candidates = task.getCamundaCandidateGroups();
            assertThat(candidates).as("candidateGroups of %s", task.getId()).isNotBlank();
            assertThat(Arrays.stream(candidates.split(",")).map(String::trim)).isSubsetOf(groups);
            groupByTask.put(task.getId(), candidates);
        }
        assertThat(groupByTask).containsOnly(
                Map.entry(Steps.DEMAND_APPROVAL, Groups.MANAGERS),
                Map.entry(Steps.LABEL, Groups.ANNOTATORS),
                Map.entry(Steps.LABEL_ESCALATION, Groups.MANAGERS),
                Map.entry(Steps.EXPERT_REVIEW, Groups.EXPERTS),
                Map.entry(Steps.REWORK, Groups.ANNOTATORS),
                Map.entry(Steps.QC_FAILED_DECISION, Groups.MANAGERS),
                Map.entry(Steps.ADD_DATA, Groups.MANAGERS));
    }

    @Test
    void formFieldIdsAreVarsConstants() {
        assertThat(formFieldIds(Steps.DEMAND_APPROVAL)).containsExactly(Vars.NAME, Vars.TASK_TYPE, Vars.LABEL_SET,
                Vars.LABEL_RULES, Vars.TARGET_SIZE, Vars.DUE_DATE, Vars.APPROVED);
        assertThat(formFieldIds(Steps.QC_FAILED_DECISION)).containsExactly(Vars.RELEASE_ANYWAY);
        assertThat(formFieldIds(Steps.ADD_DATA)).containsExactly(Vars.COLLECT_CLASSES);
        assertThat(constants(Vars.class)).containsAll(formFieldIds(Steps.DEMAND_APPROVAL));
    }

    @Test
    void everyVariableAnExpressionReadsOrWritesIsAVarsConstant() {
        Set<String> vars = constants(Vars.class);
        Set<String> implicit = Set.of("execution", "task", "loopCounter");
        List<String> expressions = expressions();
        assertThat(expressions).hasSizeGreaterThan(10);
        for (String expression : expressions) {
            Set<String> read = identifiers(expression);
            read.removeAll(implicit);
            assertThat(read).as("variables read by %s", expression).isSubsetOf(vars);
            Matcher written = Pattern.compile("setVariable(?:Local)?\\(\\s*\"([^\"]+)\"").matcher(expression);
            while (written.find()) {
                assertThat(written.group(1)).as("variable written by %s", expression).isIn(vars);
            }
        }
    }

    @Test
    void gateRoutesByTheQcDecisionOfTheRulesTask() {
        BusinessRuleTask rules = MODEL.getModelElementById(Steps.QC_RULES);
        assertThat(rules.getCamundaDecisionRef()).isEqualTo(Processes.QC_DECISION_KEY);
        assertThat(rules.getCamundaResultVariable()).isEqualTo(Vars.QC_DECISION);
        assertThat(rules.getCamundaMapDecisionResult()).isEqualTo("singleResult");
        assertThat(rules.getOutgoing()).singleElement()
                .satisfies(f -> assertThat(f.getTarget().getId()).isEqualTo(Steps.GATE));
        assertThat(condition(Steps.GATE_PASS)).isEqualTo("${" + Vars.QC_DECISION + ".route == \"release\"}");
        assertThat(condition(Steps.GATE_REWORK)).isEqualTo("${" + Vars.QC_DECISION + ".route == \"rework\"}");
        assertThat(condition(Steps.GATE_EXHAUSTED)).isEqualTo("${" + Vars.QC_DECISION + ".route == \"decide\"}");
        assertThat(condition(Steps.GATE_COLLECT_MORE)).isEqualTo("${" + Vars.QC_DECISION + ".route == \"collect-more\"}");
        SequenceFlow collectMore = MODEL.getModelElementById(Steps.GATE_COLLECT_MORE);
        assertThat(collectMore.getTarget().getId()).isEqualTo(Steps.ADD_DATA);
        assertThat(collectMore.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class)
                .list()).extracting(l -> l.getCamundaEvent() + " " + l.getCamundaExpression())
                .containsExactly("take ${execution.setVariable(\"" + Vars.ROUND + "\", " + Vars.ROUND + " + 1)}");
        UserTask addData = MODEL.getModelElementById(Steps.ADD_DATA);
        assertThat(addData.getOutgoing()).singleElement()
                .satisfies(f -> assertThat(f.getTarget().getId()).isEqualTo(Steps.COLLECT));

        // a rework round is planned by its own step: the gate only counts the round
        SequenceFlow reworkFlow = MODEL.getModelElementById(Steps.GATE_REWORK);
        assertThat(reworkFlow.getTarget().getId()).isEqualTo(Steps.PLAN_ROUND);
        List<String> listeners = reworkFlow.getExtensionElements()
                .getElementsQuery().filterByType(CamundaExecutionListener.class).list().stream()
                .map(l -> l.getCamundaEvent() + " " + l.getCamundaExpression()).toList();
        assertThat(listeners).containsExactly(
                "take ${execution.setVariable(\"" + Vars.ROUND + "\", " + Vars.ROUND + " + 1)}");
    }

    /** The decision table reads the metrics (typeRef double) and compares them with the thresholds by name. */
    @Test
    void qcDecisionTableComparesEveryMetricWithItsThresholdAndCountsRounds() {
        DmnModelInstance dmn = readDmn();
        Decision decision = dmn.getModelElementById(Processes.QC_DECISION_KEY);
        DecisionTable table = (DecisionTable) decision.getExpression();
        assertThat(table.getHitPolicy()).isIn(HitPolicy.FIRST, HitPolicy.UNIQUE);
        assertThat(table.getInputs()).extracting(i -> i.getInputExpression().getTypeRef()).containsOnly("double");
        Set<String> gateVars = new HashSet<>(thresholds().keySet());
        thresholds().keySet().forEach(t -> gateVars.add(metricOf(t)));
        gateVars.add(Vars.ROUND);
        gateVars.add(Vars.MAX_ROUNDS);
        gateVars.add(Vars.REWORK_TASK_COUNT);
        Set<String> read = new HashSet<>();
        table.getInputs().forEach(i -> read.add(i.getInputExpression().getText().getTextContent().trim()));
        table.getRules().forEach(r -> r.getInputEntries().forEach(e ->
                read.addAll(Arrays.stream(e.getText().getTextContent().split("[^A-Za-z0-9]+"))
                        .filter(w -> w.matches("[A-Za-z].*") && !w.equals("null")).toList())));
        assertThat(read).isEqualTo(gateVars);
        assertThat(table.getOutputs()).extracting(o -> o.getName()).containsExactly("passed", "route");
        assertThat(table.getRules()).extracting(r -> r.getOutputEntries().iterator().next().getText().getTextContent()
                + " " + new ArrayList<>(r.getOutputEntries()).get(1).getText().getTextContent())
                .containsExactly("true \"release\"", "false \"collect-more\"", "false \"rework\"", "false \"decide\"");
    }

    @Test
    void qcDecisionEvaluatesThresholdsFromTheDemandAndRounds() {
        DecisionService decisions = extension.getProcessEngine().getDecisionService();
        Map<String, Object> vars = new HashMap<>(thresholds());
        vars.putAll(passingMetrics());
        vars.put(Vars.ROUND, 1L);
        vars.put(Vars.MAX_ROUNDS, 2);
        assertThat(decisions.evaluateDecisionByKey(Processes.QC_DECISION_KEY).variables(vars).evaluate()
                .getSingleResult().getEntryMap()).containsEntry("passed", true).containsEntry("route", "release");
        vars.put(Vars.METRIC_KAPPA, 0.59);
        vars.put(Vars.REWORK_TASK_COUNT, 2);
        assertThat(decisions.evaluateDecisionByKey(Processes.QC_DECISION_KEY).variables(vars).evaluate()
                .getSingleResult().getEntryMap()).containsEntry("passed", false).containsEntry("route", "rework");
        vars.put(Vars.REWORK_TASK_COUNT, 0);
        assertThat(decisions.evaluateDecisionByKey(Processes.QC_DECISION_KEY).variables(vars).evaluate()
                .getSingleResult().getEntryMap()).as("nothing to relabel").containsEntry("route", "decide");
        vars.put(Vars.REWORK_TASK_COUNT, 3);
        vars.put(Vars.METRIC_MIN_CLASS_COUNT, 2.0);
        assertThat(decisions.evaluateDecisionByKey(Processes.QC_DECISION_KEY).variables(vars).evaluate()
                .getSingleResult().getEntryMap()).as("coverage first").containsEntry("route", "collect-more");
        vars.put(Vars.ROUND, 2L);
        assertThat(decisions.evaluateDecisionByKey(Processes.QC_DECISION_KEY).variables(vars).evaluate()
                .getSingleResult().getEntryMap()).containsEntry("passed", false).containsEntry("route", "decide");
    }

    @Test
    void labelIsAParallelMultiInstanceWithANonInterruptingSlaTimer() {
        UserTask label = MODEL.getModelElementById(Steps.LABEL);
        MultiInstanceLoopCharacteristics mi = (MultiInstanceLoopCharacteristics) label.getLoopCharacteristics();
        assertThat(mi.isSequential()).isFalse();
        assertThat(mi.getLoopCardinality().getTextContent()).isEqualTo(PlatformExpressions.LABEL_WAVE_TASKS);
        SubProcess round = MODEL.getModelElementById(Steps.LABEL_ROUND);
        assertThat(label.getParentElement()).isSameAs(round);
        MultiInstanceLoopCharacteristics waves = (MultiInstanceLoopCharacteristics) round.getLoopCharacteristics();
        assertThat(waves.isSequential()).isFalse();
        assertThat(waves.isCamundaAsyncBefore()).as("each wave a job of its own").isTrue();
        assertThat(waves.getLoopCardinality().getTextContent()).isEqualTo(PlatformExpressions.LABEL_WAVES);
        assertThat(round.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class).list())
                .singleElement().satisfies(l -> assertThat(l.getCamundaExpression())
                        .isEqualTo(PlatformExpressions.LABEL_WAVE_LISTENER));
        Map<String, String> inputs = new HashMap<>();
        MODEL.getModelElementsByType(CamundaInputParameter.class)
                .forEach(p -> inputs.put(p.getCamundaName(), p.getTextContent()));
        assertThat(inputs).containsOnly(Map.entry(Vars.ROUND, "${" + Vars.ROUND + "}"));
        // not an input parameter: those are evaluated in the multi-instance body, which has no loopCounter
        List<String> taskListeners = label.getExtensionElements().getElementsQuery()
                .filterByType(CamundaTaskListener.class).list().stream()
                .map(l -> l.getCamundaEvent() + " " + l.getCamundaExpression()).toList();
        assertThat(taskListeners).containsExactly("create " + PlatformExpressions.ASSIGNMENT_INDEX_LISTENER);
        assertThat(label.getCamundaDueDate()).isNull();

        BoundaryEvent timer = MODEL.getModelElementById(Steps.LABEL_SLA_TIMER);
        assertThat(timer.getAttachedTo().getId()).as("once per round, not per wave").isEqualTo(Steps.LABEL_ROUND);
        assertThat(timer.cancelActivity()).isFalse();
        TimerEventDefinition definition = (TimerEventDefinition) timer.getEventDefinitions().iterator().next();
        assertThat(definition.getTimeDuration().getTextContent()).isEqualTo("${" + Vars.LABEL_SLA + "}");
        assertThat(timer.getOutgoing()).singleElement()
                .satisfies(f -> assertThat(f.getTarget().getId()).isEqualTo(Steps.LABEL_ESCALATION));
    }

    @Test
    void everyElementHasABilingualNameAndEveryTaskADocumentation() {
        Pattern bilingual = Pattern.compile("\\S.* / .*\\p{IsHan}.*");
        for (FlowNode node : MODEL.getModelElementsByType(FlowNode.class)) {
            assertThat(node.getName()).as("name of %s", node.getId()).matches(bilingual);
        }
        for (SequenceFlow flow : MODEL.getModelElementsByType(SequenceFlow.class)) {
            if (flow.getConditionExpression() != null) {
                assertThat(flow.getName()).as("name of conditional flow %s", flow.getId()).matches(bilingual);
            }
        }
        for (org.camunda.bpm.model.bpmn.instance.Task task
                : MODEL.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Task.class)) {
            assertThat(task.getDocumentations()).as("documentation of %s", task.getId())
                    .extracting(Documentation::getTextContent).anySatisfy(t -> assertThat(t).isNotBlank());
        }
    }

    // -------------------------------------------------------------------------------------------- diagram

    @Test
    void everyFlowNodeHasAShapeAndEveryFlowAnEdgeThatTouchesItsEnds() {
        for (FlowNode node : MODEL.getModelElementsByType(FlowNode.class)) {
            assertThat(shape(node)).as("shape of %s", node.getId()).isNotNull();
        }
        for (SequenceFlow flow : MODEL.getModelElementsByType(SequenceFlow.class)) {
            DiagramElement di = flow.getDiagramElement();
            assertThat(di).as("edge of %s", flow.getId()).isInstanceOf(BpmnEdge.class);
            List<Waypoint> points = new ArrayList<>(((BpmnEdge) di).getWaypoints());
            assertThat(points).as("waypoints of %s", flow.getId()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(touches(bounds(flow.getSource()), points.get(0)))
                    .as("%s starts on its source", flow.getId()).isTrue();
            assertThat(touches(bounds(flow.getTarget()), points.get(points.size() - 1)))
                    .as("%s ends on its target", flow.getId()).isTrue();
            for (int i = 1; i < points.size(); i++) {
                Waypoint a = points.get(i - 1);
                Waypoint b = points.get(i);
                assertThat(a.getX().equals(b.getX()) || a.getY().equals(b.getY()))
                        .as("segment %d of %s is orthogonal", i, flow.getId()).isTrue();
                for (FlowNode node : MODEL.getModelElementsByType(FlowNode.class)) {
                    if (node.getId().equals(flow.getSource().getId()) || node.getId().equals(flow.getTarget().getId())) {
                        continue;
                    }
                    if (node instanceof BoundaryEvent boundary
                            && boundary.getAttachedTo().getId().equals(flow.getTarget().getId())
                            || !samePlane(node, flow.getSource())) {
                        continue;
                    }
                    assertThat(crosses(bounds(node), a, b))
                            .as("segment %d of %s crosses %s", i, flow.getId(), node.getId()).isFalse();
                }
            }
        }
        for (BpmnShape shape : MODEL.getModelElementsByType(BpmnShape.class)) {
            assertThat(shape.getBpmnElement()).as("element of %s", shape.getId()).isNotNull();
        }
    }

    @Test
    void shapesAndLabelsDoNotOverlap() {
        List<FlowNode> nodes = new ArrayList<>(MODEL.getModelElementsByType(FlowNode.class));
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                FlowNode a = nodes.get(i);
                FlowNode b = nodes.get(j);
                boolean attached = a instanceof BoundaryEvent be && be.getAttachedTo().getId().equals(b.getId())
                        || b instanceof BoundaryEvent be2 && be2.getAttachedTo().getId().equals(a.getId());
                if (!samePlane(a, b)) {
                    continue; // the wave subprocess's inside is drawn on a page of its own
                }
                assertThat(overlap(bounds(a), bounds(b)))
                        .as("%s and %s overlap", a.getId(), b.getId()).isEqualTo(attached);
            }
        }
        BoundaryEvent timer = MODEL.getModelElementById(Steps.LABEL_SLA_TIMER);
        Bounds host = bounds(timer.getAttachedTo());
        Bounds t = bounds(timer);
        assertThat(t.getY() + t.getHeight() / 2).as("timer centred on the host's lower edge")
                .isCloseTo(host.getY() + host.getHeight(), within(0.5));

        List<BpmnLabel> shown = new ArrayList<>(MODEL.getModelElementsByType(BpmnLabel.class));
        List<Bounds> labels = shown.stream().map(BpmnLabel::getBounds).toList();
        assertThat(labels).hasSizeGreaterThanOrEqualTo(10);
        for (int i = 0; i < labels.size(); i++) {
            for (FlowNode node : nodes) {
                if (shown.get(i).getParentElement().getParentElement() != shape(node).getParentElement()) {
                    continue;
                }
                assertThat(overlap(labels.get(i), bounds(node))).as("a label overlaps %s", node.getId()).isFalse();
            }
            for (int j = i + 1; j < labels.size(); j++) {
                if (shown.get(i).getParentElement().getParentElement() != shown.get(j).getParentElement().getParentElement()) {
                    continue;
                }
                assertThat(overlap(labels.get(i), labels.get(j))).as("labels %d and %d overlap", i, j).isFalse();
            }
        }
    }

    @Test
    void mainPathRunsLeftToRight() {
        List<String> mainPath = List.of(Steps.START, Steps.DEMAND_APPROVAL, Steps.APPROVED_GATEWAY, Steps.COLLECT,
                Steps.PROCESS, Steps.PRELABEL, Steps.PLAN_ROUND, Steps.LABEL_ROUND, Steps.EXPERT_REVIEW, Steps.QC, Steps.GATE,
                Steps.RELEASE, Steps.END_RELEASED);
        double previousX = Double.NEGATIVE_INFINITY;
        double centreY = centreY(bounds(MODEL.getModelElementById(Steps.START)));
        for (String id : mainPath) {
            Bounds b = bounds(MODEL.getModelElementById(id));
            assertThat(b.getX()).as("x of %s", id).isGreaterThan(previousX);
            assertThat(centreY(b)).as("centre line of %s", id).isEqualTo(centreY);
            previousX = b.getX() + b.getWidth();
        }
    }

    private List<String> formFieldIds(String taskId) {
        UserTask task = MODEL.getModelElementById(taskId);
        CamundaFormData formData = task.getExtensionElements().getElementsQuery()
                .filterByType(CamundaFormData.class).singleResult();
        return formData.getCamundaFormFields().stream().map(CamundaFormField::getCamundaId).toList();
    }

    private String condition(String flowId) {
        SequenceFlow flow = MODEL.getModelElementById(flowId);
        assertThat(flow.getSource().getId()).isEqualTo(Steps.GATE);
        return flow.getConditionExpression().getTextContent();
    }

    /** The text of every expression in the model: conditions, listeners, loop cardinality, timers, inputs. */
    private List<String> expressions() {
        List<String> all = new ArrayList<>();
        MODEL.getModelElementsByType(ConditionExpression.class).forEach(c -> all.add(c.getTextContent()));
        MODEL.getModelElementsByType(CamundaExecutionListener.class).forEach(l -> all.add(l.getCamundaExpression()));
        MODEL.getModelElementsByType(CamundaTaskListener.class).forEach(l -> all.add(l.getCamundaExpression()));
        MODEL.getModelElementsByType(LoopCardinality.class).forEach(c -> all.add(c.getTextContent()));
        MODEL.getModelElementsByType(TimeDuration.class).forEach(d -> all.add(d.getTextContent()));
        MODEL.getModelElementsByType(CamundaInputParameter.class).forEach(p -> all.add(p.getTextContent()));
        MODEL.getModelElementsByType(UserTask.class).stream().map(UserTask::getCamundaAssignee)
                .filter(java.util.Objects::nonNull).forEach(all::add);
        return all;
    }

    private Bounds bounds(FlowNode node) {
        return shape(node).getBounds();
    }

    private static boolean samePlane(FlowNode a, FlowNode b) {
        return shape(a).getParentElement() == shape(b).getParentElement();
    }

    /** The node's shape (a collapsed subprocess is also the plane of its inside: not that). */
    private static BpmnShape shape(FlowNode node) {
        return MODEL.getModelElementsByType(BpmnShape.class).stream().filter(s -> s.getBpmnElement() == node)
                .findFirst().orElse(null);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private ProcessInstance startDemand() {
        identityService.setAuthenticatedUserId(REQUESTER);
        try {
            return runtimeService.startProcessInstanceByKey(Processes.DATASET_CONSTRUCTION, VERSION, demandVariables());
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** Everything the expressions of the process read, as the demand UI would pass it. */
    static Map<String, Object> demandVariables() {
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.DATASET_ID, DATASET);
        vars.put(Vars.VERSION_ID, VERSION);
        vars.put(Vars.NAME, "Support intents");
        vars.put(Vars.TASK_TYPE, "text-classification");
        vars.put(Vars.LABEL_SET, "billing,delivery,refund");
        vars.put(Vars.LABEL_RULES, "billing: invoice|charge\nrefund: refund|money back");
        vars.put(Vars.TARGET_SIZE, 1000L);
        vars.put(Vars.SOURCE, "upload:src-1");
        vars.put(Vars.PACKAGE_SIZE, 50);
        vars.put(Vars.OVERLAP, 2);
        vars.put(Vars.LABEL_SLA, "PT1H");
        vars.put(Vars.MAX_ROUNDS, 2);
        vars.putAll(thresholds());
        return vars;
    }

    static Map<String, Object> thresholds() {
        Map<String, Object> t = new LinkedHashMap<>(formThresholds());
        t.put(Vars.MIN_VALIDITY, 0.99);
        t.put(Vars.MIN_ALPHA, 0.667);
        t.put(Vars.MIN_IOU, 0.5);
        t.put(Vars.MIN_SPAN_F1, 0.8);
        t.put(Vars.MIN_GOLD_ACCURACY, 0.9);
        t.put(Vars.MAX_NEAR_DUPLICATE_RATE, 0.03);
        t.put(Vars.MIN_CLASS_COUNT, 20.0);
        return t;
    }

    /** The five thresholds the demand form had before the QC worker wrote back the others. */
    static Map<String, Object> formThresholds() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put(Vars.MIN_COMPLETENESS, 0.98);
        t.put(Vars.MIN_AGREEMENT, 0.8);
        t.put(Vars.MIN_KAPPA, 0.6);
        t.put(Vars.MAX_DUPLICATE_RATE, 0.02);
        t.put(Vars.MAX_SENSITIVE_RATIO, 0.0);
        return t;
    }

    private static String metricOf(String threshold) {
        return switch (threshold) {
            case Vars.MIN_COMPLETENESS -> Vars.METRIC_COMPLETENESS;
            case Vars.MIN_AGREEMENT -> Vars.METRIC_AGREEMENT;
            case Vars.MIN_KAPPA -> Vars.METRIC_KAPPA;
            case Vars.MAX_DUPLICATE_RATE -> Vars.METRIC_DUPLICATE_RATE;
            case Vars.MAX_SENSITIVE_RATIO -> Vars.METRIC_SENSITIVE_RATIO;
            case Vars.MIN_VALIDITY -> Vars.METRIC_VALIDITY;
            case Vars.MIN_ALPHA -> Vars.METRIC_ALPHA;
            case Vars.MIN_IOU -> Vars.METRIC_IOU;
            case Vars.MIN_SPAN_F1 -> Vars.METRIC_SPAN_F1;
            case Vars.MIN_GOLD_ACCURACY -> Vars.METRIC_GOLD_ACCURACY;
            case Vars.MAX_NEAR_DUPLICATE_RATE -> Vars.METRIC_NEAR_DUPLICATE_RATE;
            case Vars.MIN_CLASS_COUNT -> Vars.METRIC_MIN_CLASS_COUNT;
            default -> throw new IllegalArgumentException(threshold);
        };
    }

    static Map<String, Object> passingMetrics() {
        Map<String, Object> m = new HashMap<>();
        m.put(Vars.METRIC_COMPLETENESS, 0.995);
        m.put(Vars.METRIC_AGREEMENT, 0.86);
        m.put(Vars.METRIC_KAPPA, 0.74);
        m.put(Vars.METRIC_DUPLICATE_RATE, 0.004);
        m.put(Vars.METRIC_SENSITIVE_RATIO, 0.0);
        m.put(Vars.METRIC_IMBALANCE_RATIO, 1.7);
        m.put(Vars.METRIC_VALIDITY, 1.0);
        m.put(Vars.METRIC_ALPHA, 0.72);
        m.put(Vars.METRIC_FLEISS_KAPPA, 0.72);
        m.put(Vars.METRIC_IOU, null); // a text task: no boxes, no spans, no gold answered
        m.put(Vars.METRIC_SPAN_F1, null);
        m.put(Vars.METRIC_GOLD_ACCURACY, null);
        m.put(Vars.METRIC_NEAR_DUPLICATE_RATE, 0.01);
        m.put(Vars.METRIC_MIN_CLASS_COUNT, 240.0);
        m.put(Vars.METRIC_DATA_AGE_DAYS, 3.0);
        m.put(Vars.QC_PASSED, true);
        m.put(Vars.QC_FAILED_CHECKS, "");
        m.put(Vars.COLLECT_CLASSES, "");
        m.put(Vars.REWORK_TASK_COUNT, 0);
        return m;
    }

    /** Agreement below the minimum; everything else passes. */
    static Map<String, Object> failingMetrics(int reworkTaskCount) {
        Map<String, Object> m = passingMetrics();
        m.put(Vars.METRIC_AGREEMENT, 0.55);
        m.put(Vars.QC_PASSED, false);
        m.put(Vars.QC_FAILED_CHECKS, "agreement");
        m.put(Vars.REWORK_TASK_COUNT, reworkTaskCount);
        return m;
    }

    /** Approve, run the automated steps with {@code labelTasks} label tasks, label everything, review: QC is next. */
    private ProcessInstance startAndLabelRoundOne(int labelTasks) {
        ProcessInstance pi = startDemand();
        approveDemand(pi);
        runThroughPrelabel(pi, labelTasks);
        completeLabelTasks(pi);
        expertReview(pi);
        return pi;
    }

    private void approveDemand(ProcessInstance pi) {
        Task approval = singleTask(pi, Steps.DEMAND_APPROVAL);
        assertThat(approval).hasCandidateGroup(Groups.MANAGERS);
        taskService.complete(approval.getId(), Map.of(Vars.APPROVED, true));
    }

    private void runThroughPrelabel(ProcessInstance pi, int labelTaskCount) {
        completeExternal(Topics.COLLECT, Map.of(Vars.COLLECTED_COUNT, 1200, Vars.QUARANTINED_COUNT, 7));
        completeExternal(Topics.PROCESS, Map.of(Vars.ITEM_COUNT, 1100, Vars.DUPLICATE_COUNT, 93, Vars.PII_MASKED_COUNT, 12));
        completeExternal(Topics.PRELABEL, Map.of(Vars.PRELABELED_COUNT, 800));
        planRound(pi, labelTaskCount);
        assertThat(pi).hasPassedInOrder(Steps.COLLECT, Steps.PROCESS, Steps.PRELABEL, Steps.PLAN_ROUND);
    }

    /** The plan-round step, as its worker completes it: the round it planned has {@code labelTaskCount} tasks. */
    private void planRound(ProcessInstance pi, int labelTaskCount) {
        assertThat(pi).isWaitingAtExactly(Steps.PLAN_ROUND);
        completeExternal(Topics.PLAN_ROUND, WaveJobs.planned(labelTaskCount));
        WaveJobs.run(managementService, pi.getId());
    }

    /**
     * Fetches and locks the external tasks of {@code topic} like a worker, asserts that exactly one is available (and
     * that it belongs to the step of that topic and can read the build's ids), and completes it with {@code vars}.
     */
    private LockedExternalTask completeExternal(String topic, Map<String, Object> vars) {
        assertThat(externalTaskService.createExternalTaskQuery().topicName(topic).count())
                .as("open external tasks on %s", topic).isEqualTo(1);
        List<LockedExternalTask> locked = externalTaskService.fetchAndLock(10, WORKER)
                .topic(topic, LOCK_MILLIS)
                .variables(Vars.DATASET_ID, Vars.VERSION_ID)
                .execute();
        assertThat(locked).as("tasks locked on %s", topic).hasSize(1);
        LockedExternalTask task = locked.get(0);
        assertThat(task.getActivityId()).isEqualTo(STEP_OF_TOPIC.get(topic));
        assertThat(task.getVariables()).containsEntry(Vars.DATASET_ID, DATASET).containsEntry(Vars.VERSION_ID, VERSION);
        externalTaskService.complete(task.getId(), WORKER, vars);
        return task;
    }

    private Task singleTask(ProcessInstance pi, String step) {
        List<Task> tasks = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(step).list();
        assertThat(tasks).as("open %s tasks", step).hasSize(1);
        return tasks.get(0);
    }

    private List<Task> labelTasks(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Steps.LABEL).list();
    }

    /** Exactly {@code count} label tasks for annotators, with distinct assignmentIndex 0..count-1 and the given round. */
    private void assertLabelRound(ProcessInstance pi, int count, int round) {
        List<Task> tasks = labelTasks(pi);
        assertThat(tasks).hasSize(count);
        Set<Integer> indexes = new HashSet<>();
        for (Task task : tasks) {
            assertThat(task).hasCandidateGroup(Groups.ANNOTATORS);
            assertThat(candidateGroups(task)).containsExactly(Groups.ANNOTATORS);
            // as the task list and GET /task/{id}/variables see them
            Object index = taskService.getVariableLocal(task.getId(), Vars.ASSIGNMENT_INDEX);
            Object taskRound = taskService.getVariable(task.getId(), Vars.ROUND);
            assertThat(index).as("task-local assignmentIndex").isInstanceOf(Long.class);
            assertThat(runtimeService.getVariableLocal(task.getExecutionId(), Vars.ROUND))
                    .as("round is local to the task's execution").isEqualTo(taskRound);
            assertThat(((Number) taskRound).intValue()).as("round of %s", task.getId()).isEqualTo(round);
            indexes.add(((Long) index).intValue());
        }
        assertThat(indexes).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, count).boxed().toList());
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Steps.LABEL)
                .taskCandidateGroup(Groups.ANNOTATORS).count()).isEqualTo(count);
    }

    private Set<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
                .map(IdentityLink::getGroupId)
                .collect(Collectors.toSet());
    }

    private void completeLabelTasks(ProcessInstance pi) {
        for (Task task : labelTasks(pi)) {
            taskService.complete(task.getId());
        }
        assertThat(labelTasks(pi)).isEmpty();
    }

    private void expertReview(ProcessInstance pi) {
        assertThat(pi).isWaitingAt(Steps.EXPERT_REVIEW);
        Task review = singleTask(pi, Steps.EXPERT_REVIEW);
        assertThat(review).hasCandidateGroup(Groups.EXPERTS);
        taskService.complete(review.getId());
    }

    /** The expert completes the review with rejected items: one rework per given annotator. */
    private void rejectInReview(ProcessInstance pi, String... assignees) {
        assertThat(pi).isWaitingAt(Steps.EXPERT_REVIEW);
        Task review = singleTask(pi, Steps.EXPERT_REVIEW);
        taskService.complete(review.getId(), Map.of(Vars.REVIEW_REWORK_COUNT, assignees.length,
                Vars.REWORK_ASSIGNEES, String.join(",", assignees)));
    }

    private List<Task> reworkTasks(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Steps.REWORK).list();
    }

    private void completeReworkTasks(ProcessInstance pi) {
        List<Task> open = reworkTasks(pi);
        assertThat(open).isNotEmpty();
        open.forEach(t -> taskService.complete(t.getId()));
        assertThat(pi).isWaitingAt(Steps.EXPERT_REVIEW);
    }

    private void release(ProcessInstance pi) {
        assertThat(pi).isWaitingAtExactly(Steps.RELEASE);
        completeExternal(Topics.RELEASE, Map.of(Vars.RELEASE_VERSION, "1.0.0",
                Vars.RELEASE_PATH, "releases/" + DATASET + "/1.0.0"));
        assertThat(pi).isEnded().hasPassed(Steps.RELEASE, Steps.END_RELEASED).hasNotPassed(Steps.END_ABANDONED);
    }

    /** Two rounds (maxRounds = 2) that both fail QC: a manager must decide. */
    private ProcessInstance startDemandAndFailQcMaxRounds() {
        ProcessInstance pi = startDemand();
        approveDemand(pi);
        runThroughPrelabel(pi, 4);
        assertLabelRound(pi, 4, 1);
        completeLabelTasks(pi);
        expertReview(pi);
        completeExternal(Topics.QC, failingMetrics(3));
        planRound(pi, 3);

        assertLabelRound(pi, 3, 2);
        completeLabelTasks(pi);
        expertReview(pi);
        completeExternal(Topics.QC, failingMetrics(3));

        assertThat(pi).isWaitingAtExactly(Steps.QC_FAILED_DECISION);
        assertThat(labelTasks(pi)).as("no third round").isEmpty();
        Task decision = singleTask(pi, Steps.QC_FAILED_DECISION);
        assertThat(decision).hasCandidateGroup(Groups.MANAGERS);
        assertThat(formService.getTaskFormData(decision.getId()).getFormFields())
                .extracting(FormField::getId, FormField::getTypeName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Vars.RELEASE_ANYWAY, "boolean"));
        assertThat(historicActivityCount(pi, Steps.QC)).isEqualTo(2);
        return pi;
    }

    private void submitForm(Task task, Map<String, Object> values) {
        formService.submitTaskForm(task.getId(), values);
    }

    private List<Job> slaTimers(ProcessInstance pi) {
        return managementService.createJobQuery().processInstanceId(pi.getId()).timers()
                .activityId(Steps.LABEL_SLA_TIMER).list();
    }

    private long historicActivityCount(ProcessInstance pi, String activityId) {
        return historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(activityId).count();
    }

    /** Value of a process-level variable (not a task-local copy) from history. */
    private Object historicVariable(ProcessInstance pi, String name) {
        List<HistoricVariableInstance> vars = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId()).variableName(name).activityInstanceIdIn(pi.getId()).list();
        assertThat(vars).as("process-level variable %s", name).hasSize(1);
        return vars.get(0).getValue();
    }

    private int historicRound(ProcessInstance pi) {
        return ((Number) historicVariable(pi, Vars.ROUND)).intValue();
    }

    // ------------------------------------------------------------------------------------------------ statics

    private static DmnModelInstance readDmn() {
        try (InputStream in = DatasetConstructionProcessTest.class.getClassLoader().getResourceAsStream(DMN)) {
            assertThat(in).as(DMN + " on the classpath").isNotNull();
            return Dmn.readModelFromStream(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BpmnModelInstance readModel() {
        try (InputStream in = DatasetConstructionProcessTest.class.getClassLoader().getResourceAsStream(BPMN)) {
            assertThat(in).as(BPMN + " on the classpath").isNotNull();
            return Bpmn.readModelFromStream(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Values of the public static final String fields of a constants class. */
    private static Set<String> constants(Class<?> type) {
        Set<String> values = new LinkedHashSet<>();
        for (Field field : type.getDeclaredFields()) {
            int m = field.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && field.getType() == String.class) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }

    private static final Set<String> JUEL_KEYWORDS = Set.of("true", "false", "null", "empty", "not", "and", "or",
            "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof");

    /** Top-level identifiers of a JUEL expression: string literals and members after a dot are ignored. */
    private static Set<String> identifiers(String expression) {
        String body = expression.trim();
        assertThat(body).as("expression").startsWith("${").endsWith("}");
        body = body.substring(2, body.length() - 1)
                .replaceAll("\"[^\"]*\"|'[^']*'", " ")
                .replaceAll("\\.\\s*[A-Za-z_][A-Za-z0-9_]*", " ");
        Set<String> ids = new HashSet<>();
        Matcher m = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(body);
        while (m.find()) {
            if (!JUEL_KEYWORDS.contains(m.group())) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    private static boolean touches(Bounds b, Waypoint p) {
        double tolerance = 1;
        return p.getX() >= b.getX() - tolerance && p.getX() <= b.getX() + b.getWidth() + tolerance
                && p.getY() >= b.getY() - tolerance && p.getY() <= b.getY() + b.getHeight() + tolerance;
    }

    private static boolean overlap(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    /** Whether an orthogonal segment runs through the inside of a shape. */
    private static boolean crosses(Bounds b, Waypoint p, Waypoint q) {
        double minX = Math.min(p.getX(), q.getX());
        double maxX = Math.max(p.getX(), q.getX());
        double minY = Math.min(p.getY(), q.getY());
        double maxY = Math.max(p.getY(), q.getY());
        return minX < b.getX() + b.getWidth() && maxX > b.getX() && minY < b.getY() + b.getHeight() && maxY > b.getY();
    }

    private static double centreY(Bounds b) {
        return b.getY() + b.getHeight() / 2;
    }
}
