package io.refinery.engine.review;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.tasks.TaskKind;
import io.refinery.engine.tasks.TaskRule;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A rework task belongs to the annotator who labelled the rejected items: it cannot be released, and it completes once
 * every rejected item is fixed (the expert then decides those items again).
 */
@Component
class ReworkTaskRule implements TaskRule {
    private final Reworks reworks;
    private final Reviews reviews;

    ReworkTaskRule(Reworks reworks, Reviews reviews) {
        this.reworks = reworks;
        this.reviews = reviews;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.REWORK;
    }

    @Override
    public Work work(Task task) {
        return reworks.findRework(task).map(r -> new Work(r.packageId(), r.slot())).orElse(null);
    }

    @Override
    public void beforeRelease(Task task, CurrentUser user) {
        throw ApiException.conflict("rework task " + task.getId() + " belongs to the annotator who labelled the items;"
                + " it cannot be released");
    }

    @Override
    public Map<String, Object> beforeComplete(Task task, Map<String, Object> variables, CurrentUser user) {
        if (!user.id().equals(task.getAssignee())) {
            throw ApiException.forbidden("rework task " + task.getId() + " belongs to " + task.getAssignee());
        }
        var rework = reworks.reworkOf(task);
        var items = reviews.reworkItems(rework.id());
        long open = items.stream().filter(i -> !i.fixed()).count();
        if (open > 0) {
            throw ApiException.conflict(open + " of " + items.size() + " rejected items of package "
                    + rework.packageId() + " are not fixed yet");
        }
        items.forEach(i -> reviews.markReworked(i.itemId(), rework.round()));
        return variables;
    }
}
