package io.refinery.designer.inbox;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.refinery.engine.tasks.TaskView;
import io.refinery.engine.tasks.TaskDispatch;
import io.refinery.engine.system.CurrentUser;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Managers: claim, assign or reassign the selected tasks in one request; says how many worked and why others not. */
class BulkActions extends HorizontalLayout {
    private final transient TaskDispatch dispatch;
    private final Supplier<Set<TaskView>> selection;
    private final Runnable after;

    BulkActions(TaskDispatch dispatch, Supplier<Set<TaskView>> selection, Runnable after) {
        this.dispatch = dispatch;
        this.selection = selection;
        this.after = after;
        setId("bulk-actions");
        add(button("bulk-claim", "tasks.bulk.claim", VaadinIcon.HAND, () -> run(TaskDispatch.Action.CLAIM, null)),
                button("bulk-assign", "tasks.bulk.assign", VaadinIcon.USER_CHECK, () -> choose(TaskDispatch.Action.ASSIGN)),
                button("bulk-reassign", "tasks.bulk.reassign", VaadinIcon.EXCHANGE, () -> choose(TaskDispatch.Action.REASSIGN)));
    }

    private Button button(String id, String key, VaadinIcon icon, Runnable action) {
        Button button = new Button(getTranslation(key), icon.create(), e -> action.run());
        button.setId(id);
        return button;
    }

    private void choose(TaskDispatch.Action action) {
        Set<TaskView> tasks = selection.get();
        if (tasks.isEmpty()) {
            Notification.show(getTranslation("tasks.bulk.none"));
            return;
        }
        Set<String> groups = tasks.stream().flatMap(t -> t.candidateGroups().stream()).collect(Collectors.toSet());
        String group = groups.size() == 1 ? groups.iterator().next() : null;
        new AssignDialog(action == TaskDispatch.Action.ASSIGN ? "tasks.assign.title" : "tasks.reassign.title",
                tasks.size(), dispatch.people(group, CurrentUser.get()), userId -> run(action, userId)).open();
    }

    void run(TaskDispatch.Action action, String userId) {
        List<String> ids = selection.get().stream().map(TaskView::id).toList();
        if (ids.isEmpty()) {
            Notification.show(getTranslation("tasks.bulk.none"));
            return;
        }
        List<TaskDispatch.Result> results = dispatch.bulk(action, ids, userId, CurrentUser.get());
        List<TaskDispatch.Result> failed = results.stream().filter(r -> !r.ok()).toList();
        String text = getTranslation("tasks.bulk.done", results.size() - failed.size(), failed.size())
                + failed.stream().map(TaskDispatch.Result::message).limit(3).collect(Collectors.joining("; ", " ", ""));
        Notification.show(text.strip(), 5000, Notification.Position.BOTTOM_START).setId("bulk-result");
        after.run();
    }
}
