package io.refinery.workers.runtime;

/** The version of the running worker code, recorded by steps in their figures and by release in its lineage. */
public final class WorkerVersion {

    private WorkerVersion() {
    }

    /** The worker jar's Implementation-Version (the Maven project version), else {@code dev} (e.g. in tests). */
    public static String get() {
        String v = WorkerVersion.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }
}
