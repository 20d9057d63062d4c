package io.refinery.engine.dataset;

import io.refinery.engine.system.CurrentUser;

/**
 * Which deployed process a demand runs (implemented by the process designer's module, which owns the
 * dataset-process contract check): refuses, naming field {@code processKey}, a process that cannot build a dataset or
 * that the user may not run.
 */
public interface DatasetProcesses {

    /** A chosen process version. */
    record Chosen(String definitionId, String key, int version) {
    }

    /** The definition to start for {@code key} at {@code version} (null: the latest deployed). */
    Chosen choose(String key, Integer version, CurrentUser user);
}
