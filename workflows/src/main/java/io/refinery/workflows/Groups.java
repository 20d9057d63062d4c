package io.refinery.workflows;

/**
 * Camunda group ids. Each group is also a server-side role: members of {@code managers} have role MANAGER, and so on.
 */
public final class Groups {
    public static final String MANAGERS = "managers";
    public static final String ANNOTATORS = "annotators";
    public static final String EXPERTS = "experts";
    public static final String ADMINS = "admins";
    public static final String WORKERS = "workers";

    /** Consumers of released datasets (catalog, paged items, bundles, feedback); role CONSUMER. */
    public static final String CONSUMERS = "consumers";

    private Groups() {
    }
}
