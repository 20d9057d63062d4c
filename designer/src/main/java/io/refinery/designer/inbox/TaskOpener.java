package io.refinery.designer.inbox;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.RouteConfiguration;
import io.refinery.engine.tasks.TaskView;

/**
 * The hook that opens a task's page by its kind: labelling and rework at {@code package/<task id>}, expert review at
 * {@code review/<task id>}. Kinds or routes that do not exist yet say so instead of failing.
 */
final class TaskOpener {
    private TaskOpener() {
    }

    static String pathOf(TaskView task) {
        return io.refinery.designer.labeling.TaskRoutes.routeOf(task);
    }

    static void open(TaskView task) {
        String path = pathOf(task);
        UI ui = UI.getCurrent();
        if (path != null && RouteConfiguration.forSessionScope().getRoute(path).isPresent()) {
            ui.navigate(path);
        } else {
            Notification.show(ui.getTranslation("tasks.open.unavailable", ui.getTranslation("task.kind." + task.kind())),
                    4000, Notification.Position.MIDDLE);
        }
    }
}
