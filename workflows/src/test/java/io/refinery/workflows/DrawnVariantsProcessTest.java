package io.refinery.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.refinery.workflows.Processes.Steps;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of the two variants of the shipped process that the designer offers as templates: without expert
 * review (QC right after labelling) and with an early QC gate before the review. They call the same QC decision
 * table and the same worker topics as the shipped process.
 */
@Deployment(resources = {DrawnVariantsProcessTest.NO_REVIEW, DrawnVariantsProcessTest.TWO_GATES,
        DatasetConstructionProcessTest.DMN})
class DrawnVariantsProcessTest {
    static final String NO_REVIEW = "templates/no-expert-review.bpmn";
    static final String TWO_GATES = "templates/second-qc-gate.bpmn";
    static final String NO_REVIEW_KEY = "dataset-construction-no-review";
    static final String TWO_GATES_KEY = "dataset-construction-two-gates";
    private static final String LABEL_BODY = Steps.LABEL + "#multiInstanceBody";
    private static final String ROUND_BODY = Steps.LABEL_ROUND + "#multiInstanceBody";

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    private RuntimeService runtime;
    private TaskService tasks;
    private ExternalTaskService external;
    private HistoryService history;

    @org.junit.jupiter.api.BeforeEach
    void services() {
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
        external = engine.getExternalTaskService();
        history = engine.getHistoryService();
    }

    // ------------------------------------------------------------------------------------------ without review

    @Test
    void withoutReviewQcFollowsLabellingAndAPassReleases() {
        ProcessInstance pi = start(NO_REVIEW_KEY);
        throughPrelabel(pi, 3);
        labelAll(pi);
        assertThat(pi).isWaitingAt(Steps.QC);
        complete(Topics.QC, DatasetConstructionProcessTest.passingMetrics());
        complete(Topics.RELEASE, Map.of(Vars.RELEASE_VERSION, "1.0", Vars.RELEASE_PATH, "/r"));
        assertThat(pi).isEnded().hasPassedInOrder(Steps.LABEL, Steps.QC, Steps.QC_RULES, Steps.GATE, Steps.RELEASE,
                Steps.END_RELEASED);
        assertThat(count(pi, Steps.EXPERT_REVIEW)).isZero();
    }

    @Test
    void withoutReviewAFailedQcRelabelsOnlyTheFailingPackagesThenReleases() {
        ProcessInstance pi = start(NO_REVIEW_KEY);
        throughPrelabel(pi, 4);
        labelAll(pi);
        complete(Topics.QC, DatasetConstructionProcessTest.failingMetrics(2));
        planRound(2);
        assertThat(pi).isWaitingAtExactly(ROUND_BODY, Steps.LABEL_ROUND, LABEL_BODY, Steps.LABEL);
        assertThat(labelTasks(pi)).hasSize(2);
        assertThat(((Number) runtime.getVariable(pi.getId(), Vars.ROUND)).intValue()).isEqualTo(2);
        labelAll(pi);
        complete(Topics.QC, DatasetConstructionProcessTest.passingMetrics());
        complete(Topics.RELEASE, Map.of(Vars.RELEASE_VERSION, "1.0", Vars.RELEASE_PATH, "/r"));
        assertThat(pi).isEnded();
        assertThat(count(pi, Steps.LABEL)).isEqualTo(6);
        assertThat(count(pi, Steps.QC)).isEqualTo(2);
    }

    @Test
    void withoutReviewRoundsUsedUpGoToTheManagerWhoMayAbandon() {
        ProcessInstance pi = start(NO_REVIEW_KEY);
        throughPrelabel(pi, 1);
        labelAll(pi);
        complete(Topics.QC, DatasetConstructionProcessTest.failingMetrics(1));
        planRound(1);
        labelAll(pi);
        complete(Topics.QC, DatasetConstructionProcessTest.failingMetrics(1)); // maxRounds = 2: used up
        assertThat(pi).isWaitingAt(Steps.QC_FAILED_DECISION);
        tasks.complete(single(pi, Steps.QC_FAILED_DECISION).getId(), Map.of(Vars.RELEASE_ANYWAY, false));
        assertThat(pi).isEnded().hasPassed(Steps.END_ABANDONED).hasNotPassed(Steps.RELEASE);
    }

    // ------------------------------------------------------------------------------------------ two gates

    @Test
    void theEarlyGateSendsFailingPackagesBackBeforeTheExpertSeesThem() {
        ProcessInstance pi = start(TWO_GATES_KEY);
        throughPrelabel(pi, 4);
        labelAll(pi);
        complete(Topics.QC, "qcEarly", DatasetConstructionProcessTest.failingMetrics(2));
        planRound(2);
        assertThat(pi).isWaitingAtExactly(ROUND_BODY, Steps.LABEL_ROUND, LABEL_BODY, Steps.LABEL).hasNotPassed(Steps.EXPERT_REVIEW);
        assertThat(labelTasks(pi)).hasSize(2);
        labelAll(pi);
        complete(Topics.QC, "qcEarly", DatasetConstructionProcessTest.passingMetrics());
        assertThat(pi).isWaitingAt(Steps.EXPERT_REVIEW);
        tasks.complete(single(pi, Steps.EXPERT_REVIEW).getId(), Map.of(Vars.REVIEW_REWORK_COUNT, 0));
        complete(Topics.QC, Steps.QC, DatasetConstructionProcessTest.passingMetrics());
        complete(Topics.RELEASE, Map.of(Vars.RELEASE_VERSION, "1.0", Vars.RELEASE_PATH, "/r"));
        assertThat(pi).isEnded().hasPassedInOrder("qcEarly", "qcGateEarly", Steps.EXPERT_REVIEW, Steps.QC,
                Steps.GATE, Steps.RELEASE);
        assertThat(count(pi, "qcEarly")).isEqualTo(2);
        assertThat(count(pi, Steps.QC)).isEqualTo(1);
    }

    @Test
    void theFinalGateStillSendsWorkBackThroughTheEarlyGate() {
        ProcessInstance pi = start(TWO_GATES_KEY);
        throughPrelabel(pi, 2);
        labelAll(pi);
        complete(Topics.QC, "qcEarly", DatasetConstructionProcessTest.passingMetrics());
        tasks.complete(single(pi, Steps.EXPERT_REVIEW).getId(), Map.of(Vars.REVIEW_REWORK_COUNT, 0));
        complete(Topics.QC, Steps.QC, DatasetConstructionProcessTest.failingMetrics(1));
        planRound(1);
        assertThat(pi).isWaitingAtExactly(ROUND_BODY, Steps.LABEL_ROUND, LABEL_BODY, Steps.LABEL);
        labelAll(pi);
        assertThat(pi).isWaitingAt("qcEarly");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private ProcessInstance start(String key) {
        ProcessInstance pi = runtime.startProcessInstanceByKey(key, "v1", DatasetConstructionProcessTest.demandVariables());
        tasks.complete(single(pi, Steps.DEMAND_APPROVAL).getId(), Map.of(Vars.APPROVED, true));
        return pi;
    }

    private void throughPrelabel(ProcessInstance pi, int labelTasks) {
        complete(Topics.COLLECT, Map.of(Vars.COLLECTED_COUNT, 100L, Vars.QUARANTINED_COUNT, 0L));
        complete(Topics.PROCESS, Map.of(Vars.ITEM_COUNT, 100L, Vars.DUPLICATE_COUNT, 0L, Vars.PII_MASKED_COUNT, 0L));
        complete(Topics.PRELABEL, Map.of(Vars.PRELABELED_COUNT, 10L));
        planRound(labelTasks);
        assertThat(labelTasks(pi)).hasSize(labelTasks);
    }

    /** The plan-round step as its worker completes it, with the number of label tasks it planned. */
    private void planRound(int labelTasks) {
        complete(Topics.PLAN_ROUND, WaveJobs.planned(labelTasks));
        runtime.createProcessInstanceQuery().list().forEach(p -> WaveJobs.run(engine.getManagementService(), p.getId()));
    }

    private void labelAll(ProcessInstance pi) {
        for (Task t : labelTasks(pi)) {
            tasks.complete(t.getId());
        }
    }

    private List<Task> labelTasks(ProcessInstance pi) {
        return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Steps.LABEL).list();
    }

    private Task single(ProcessInstance pi, String step) {
        List<Task> open = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(step).list();
        assertThat(open).as("open %s tasks", step).hasSize(1);
        return open.get(0);
    }

    private void complete(String topic, Map<String, Object> vars) {
        complete(topic, null, vars);
    }

    private void complete(String topic, String activityId, Map<String, Object> vars) {
        List<LockedExternalTask> locked = external.fetchAndLock(10, "w").topic(topic, 60_000).execute();
        assertThat(locked).as("tasks on %s", topic).hasSize(1);
        if (activityId != null) {
            assertThat(locked.get(0).getActivityId()).isEqualTo(activityId);
        }
        external.complete(locked.get(0).getId(), "w", new HashMap<>(vars));
    }

    private long count(ProcessInstance pi, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).activityId(activityId)
                .count();
    }
}
