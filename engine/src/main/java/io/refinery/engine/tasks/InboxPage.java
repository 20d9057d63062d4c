package io.refinery.engine.tasks;

import io.refinery.engine.tasks.TaskView;
import java.util.List;

/** One page of the inbox, the number of matching tasks, and the counts the chips show. */
public record InboxPage(List<TaskView> tasks, long total, int offset, Counts counts) {

    /**
     * Of the matching tasks: claimed by the user, unclaimed (offered to the user's groups), overdue, and due within
     * {@link Inbox#DUE_SOON}.
     */
    public record Counts(long mine, long group, long overdue, long dueSoon) {
    }
}
