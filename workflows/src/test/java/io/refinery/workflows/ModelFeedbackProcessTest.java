package io.refinery.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.refinery.workflows.Processes.Feedback;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.MessageCorrelationResultType;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * model-feedback.bpmn: the first post of model errors for a dataset starts a run (message start event), later posts
 * join the open run (non-interrupting event subprocess, same message, correlated by business key), the expert's
 * review repeats while entries are pending, and a post after the run ended starts a new one.
 */
@Deployment(resources = ModelFeedbackProcessTest.BPMN)
class ModelFeedbackProcessTest {
    static final String BPMN = "processes/model-feedback.bpmn";

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    RuntimeService runtime;
    TaskService tasks;

    MessageCorrelationResult post(long datasetId, int count) {
        return runtime.createMessageCorrelation(Processes.FEEDBACK_MESSAGE)
                .processInstanceBusinessKey("dataset-" + datasetId)
                .setVariables(Map.of(Vars.DATASET_ID, datasetId, Vars.FEEDBACK_PENDING, count))
                .correlateWithResult();
    }

    @Test
    void theFirstPostStartsARunLaterPostsJoinItAndTheReviewRepeatsWhileEntriesArePending() {
        runtime = extension.getRuntimeService();
        tasks = extension.getTaskService();
        MessageCorrelationResult first = post(7, 3);
        assertThat(first.getResultType()).isEqualTo(MessageCorrelationResultType.ProcessDefinition);
        ProcessInstance run = first.getProcessInstance();
        assertThat(run).isWaitingAt(Feedback.REVIEW);
        Task review = tasks.createTaskQuery().processInstanceId(run.getId()).singleResult();
        assertThat(tasks.getIdentityLinksForTask(review.getId())).anyMatch(l -> Groups.EXPERTS.equals(l.getGroupId()));

        MessageCorrelationResult second = post(7, 5);
        assertThat(second.getResultType()).isEqualTo(MessageCorrelationResultType.Execution);
        assertThat(second.getExecution().getProcessInstanceId()).isEqualTo(run.getId());
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Processes.MODEL_FEEDBACK).count()).isEqualTo(1);

        MessageCorrelationResult other = post(8, 1); // another dataset has its own run
        assertThat(other.getProcessInstance().getId()).isNotEqualTo(run.getId());

        tasks.complete(review.getId(), Map.of(Vars.FEEDBACK_PENDING, 2)); // two arrived while the expert worked
        assertThat(run).isWaitingAt(Feedback.REVIEW);
        Task again = tasks.createTaskQuery().processInstanceId(run.getId()).singleResult();
        tasks.complete(again.getId(), Map.of(Vars.FEEDBACK_PENDING, 0));
        assertThat(run).isEnded().hasPassed(Feedback.END_QUEUED);

        MessageCorrelationResult afterEnd = post(7, 1);
        assertThat(afterEnd.getResultType()).isEqualTo(MessageCorrelationResultType.ProcessDefinition);
        assertThat(afterEnd.getProcessInstance().getId()).isNotEqualTo(run.getId());
        assertThat(afterEnd.getProcessInstance().getBusinessKey()).isEqualTo("dataset-7");
    }

    @Test
    void theSharedConstantsNameTheModelsElementsAndMessage() {
        var model = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(
                getClass().getClassLoader().getResourceAsStream(BPMN));
        assertThat((Object) model.getModelElementById(Processes.MODEL_FEEDBACK)).isNotNull();
        for (String id : new String[] {Feedback.START, Feedback.REVIEW, Feedback.MORE_GATEWAY, Feedback.JOINED,
                Feedback.END_QUEUED}) {
            assertThat((Object) model.getModelElementById(id)).as(id).isNotNull();
        }
        assertThat(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Message.class))
                .extracting(org.camunda.bpm.model.bpmn.instance.Message::getName).containsExactly(Processes.FEEDBACK_MESSAGE);
    }
}
