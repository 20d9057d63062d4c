package io.refinery.designer.labeling;

import io.refinery.engine.tasks.TaskKind;
import com.vaadin.flow.component.UI;
import io.refinery.engine.tasks.TaskView;
import io.refinery.workflows.Processes;

/**
 * Where a task of the inbox opens: label and rework tasks in the work package view, reviews in the review view, the
 * expert's review of model errors (model-feedback process, by task definition key) in the feedback review view,
 * every other task (a manager's approval or decision, a drift to look at, a task drawn into a process) in the
 * decision view.
 */
public final class TaskRoutes {
    private TaskRoutes() {
    }

    /** The route of a task's view: every other task (approvals, decisions, drawn tasks) opens as a decision. */
    public static String routeOf(TaskView task) {
        return switch (TaskKind.byId(task.kind()).orElse(TaskKind.OTHER)) {
            case LABEL, REWORK -> "package/" + task.id();
            case REVIEW -> "review/" + task.id();
            default -> Processes.Feedback.REVIEW.equals(task.taskDefinitionKey()) ? "feedback-review/" + task.id()
                    : "decision/" + task.id();
        };
    }

    public static void open(TaskView task) {
        String route = routeOf(task);
        if (route != null) {
            UI.getCurrent().navigate(route);
        }
    }
}
