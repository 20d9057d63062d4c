package io.refinery.engine.review;

import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.tasks.TaskKind;
import io.refinery.engine.tasks.TaskRule;
import io.refinery.workflows.Vars;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Completing a review settles the round: its final answers are set, and the rejected items become one rework task per
 * annotator ({@code reviewReworkCount}, {@code reworkAssignees}: the review gateway routes on them).
 */
@Component
class ReviewTaskRule implements TaskRule {
    private final ExpertReview review;
    private final FinalAnswers finals;
    private final Reworks reworks;

    ReviewTaskRule(ExpertReview review, FinalAnswers finals, Reworks reworks) {
        this.review = review;
        this.finals = finals;
        this.reworks = reworks;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.REVIEW;
    }

    @Override
    public Map<String, Object> beforeComplete(Task task, Map<String, Object> variables, CurrentUser user) {
        var ctx = review.reviewContext(task);
        finals.finalizeRound(ctx.versionId(), ctx.round());
        List<String> assignees = reworks.planReworkOfRejected(ctx.versionId(), ctx.round());
        Map<String, Object> result = new HashMap<>(variables);
        result.put(Vars.REVIEW_REWORK_COUNT, assignees.size());
        result.put(Vars.REWORK_ASSIGNEES, String.join(",", assignees));
        return result;
    }
}
