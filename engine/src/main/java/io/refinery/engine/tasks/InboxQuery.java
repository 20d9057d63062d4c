package io.refinery.engine.tasks;

import java.time.Instant;
import java.util.Locale;
import java.util.List;

/**
 * What one inbox page asks for. {@code scope} {@code mine} = the user's own tasks and the unclaimed tasks of the
 * user's groups; {@code team} (managers, admins) = every open task. {@code kind} is the {@link TaskKind#id()} of a kind
 * of task ({@link TaskKind#FILTERS}): {@code label}, {@code rework}, {@code review}, … Null = no filter.
 */
public record InboxQuery(Scope scope, String processDefinitionKey, String dataset, String kind, Instant dueBefore,
                         Instant dueAfter, Integer priorityMin, Integer priorityMax, Sort sort, boolean descending,
                         int offset, int limit) {
    /** The kinds the inbox filters by: one per {@link TaskKind} but {@link TaskKind#OTHER}. */
    public static final List<String> KINDS = TaskKind.FILTERS;
    public static final int MAX_LIMIT = 1000;

    public enum Scope { MINE, TEAM }

    public enum Sort { CREATED, DUE, PRIORITY, NAME }

    public InboxQuery {
        scope = scope == null ? Scope.MINE : scope;
        sort = sort == null ? Sort.PRIORITY : sort;
        if (kind != null && !KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be one of " + KINDS + ", not '" + kind + "'");
        }
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("offset must be ≥ 0 and limit 1.." + MAX_LIMIT);
        }
        dataset = dataset == null || dataset.isBlank() ? null : dataset.trim();
        processDefinitionKey = processDefinitionKey == null || processDefinitionKey.isBlank() ? null : processDefinitionKey;
    }

    /** The user's tasks, most urgent first: priority high to low, then oldest first. */
    public static InboxQuery mine(int offset, int limit) {
        return new InboxQuery(Scope.MINE, null, null, null, null, null, null, null, Sort.PRIORITY, true, offset, limit);
    }

    public InboxQuery page(int newOffset, int newLimit) {
        return new InboxQuery(scope, processDefinitionKey, dataset, kind, dueBefore, dueAfter, priorityMin, priorityMax,
                sort, descending, newOffset, newLimit);
    }

    public InboxQuery sorted(Sort newSort, boolean newDescending) {
        return new InboxQuery(scope, processDefinitionKey, dataset, kind, dueBefore, dueAfter, priorityMin, priorityMax,
                newSort, newDescending, offset, limit);
    }

    /** {@code "created"} or {@code "CREATED"} as a sort; null for null. */
    public static Sort sortOf(String name) {
        return name == null ? null : Sort.valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
