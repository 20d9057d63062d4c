package io.refinery.designer.inbox;

import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.refinery.engine.tasks.TaskView;
import io.refinery.engine.tasks.Inbox;
import java.time.Instant;

/** How pressing a task's due date is; shown as a class name, an icon and a word, never by colour alone. */
enum Urgency {
    OVERDUE("overdue", VaadinIcon.EXCLAMATION_CIRCLE), DUE_SOON("due-soon", VaadinIcon.CLOCK), NONE(null, null);

    final String className;
    private final VaadinIcon icon;

    Urgency(String className, VaadinIcon icon) {
        this.className = className;
        this.icon = icon;
    }

    static Urgency of(TaskView task, Instant now) {
        if (task.due() == null) {
            return NONE;
        }
        Instant due = task.due().toInstant();
        return due.isBefore(now) ? OVERDUE : due.isBefore(now.plus(Inbox.DUE_SOON)) ? DUE_SOON : NONE;
    }

    Icon icon() {
        Icon i = icon.create();
        i.addClassName(className + "-icon");
        i.setSize("var(--lumo-icon-size-s)");
        return i;
    }
}
