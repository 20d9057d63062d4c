package io.refinery.engine.system;

import io.refinery.workflows.Groups;
import java.util.Locale;
import java.util.Set;

/** Server-side roles. A member of Camunda group {@code managers} has role {@code MANAGER}, and so on. */
public final class Roles {
    public static final String MANAGER = "MANAGER";
    public static final String ANNOTATOR = "ANNOTATOR";
    public static final String EXPERT = "EXPERT";
    public static final String ADMIN = "ADMIN";
    public static final String WORKER = "WORKER";
    /** Reads released datasets it holds a grant for, posts model feedback (group {@code consumers}, or an API token). */
    public static final String CONSUMER = "CONSUMER";

    private static final Set<String> GROUPS =
            Set.of(Groups.MANAGERS, Groups.ANNOTATORS, Groups.EXPERTS, Groups.ADMINS, Groups.WORKERS, Groups.CONSUMERS);

    /** {@code annotators} becomes {@code ANNOTATOR}; groups that are not roles give null. */
    public static String ofGroup(String groupId) {
        if (!GROUPS.contains(groupId)) {
            return null;
        }
        return groupId.substring(0, groupId.length() - 1).toUpperCase(Locale.ROOT);
    }

    private Roles() {
    }
}
