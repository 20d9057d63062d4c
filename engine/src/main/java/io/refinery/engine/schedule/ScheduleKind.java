package io.refinery.engine.schedule;

import io.refinery.engine.system.ApiException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a schedule starts when it fires. */
public enum ScheduleKind {
    /** Collects a folder into the dataset's next version: a new version and a dataset-construction run. */
    COLLECT("collect"),
    /** Compares the newest version of a dataset with one of its releases (drift-check process). */
    DRIFT_CHECK("drift-check");

    private final String id;

    ScheduleKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ScheduleKind of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("field 'kind': '" + id + "' is not one of "
                        + Arrays.stream(values()).map(ScheduleKind::id).collect(Collectors.joining(", "))));
    }
}
