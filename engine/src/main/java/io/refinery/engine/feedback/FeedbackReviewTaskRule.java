package io.refinery.engine.feedback;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.tasks.TaskKind;
import io.refinery.engine.tasks.TaskRule;
import io.refinery.workflows.Processes;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** The review of model errors completes through its own call, which checks that every error is decided. */
@Component
class FeedbackReviewTaskRule implements TaskRule {

    @Override
    public TaskKind kind() {
        return TaskKind.OTHER;
    }

    @Override
    public boolean appliesTo(String taskDefinitionKey) {
        return Processes.Feedback.REVIEW.equals(taskDefinitionKey);
    }

    @Override
    public Map<String, Object> beforeComplete(Task task, Map<String, Object> variables, CurrentUser user) {
        throw ApiException.conflict("task " + task.getId() + " reviews model errors: complete it with POST /api/tasks/"
                + task.getId() + "/feedback/complete once each error is confirmed or discarded");
    }
}
