package io.refinery.engine.schedule;

import java.time.Instant;

/**
 * One firing of a schedule.
 *
 * @param scheduledFor when Quartz meant it to fire; null for "run now"
 * @param firedBy      {@code scheduler} for cron firings, else the user who pressed "run now"
 * @param outcome      {@code STARTED} (with the process instance) or {@code FAILED} (with the error)
 */
public record Firing(long id, long scheduleId, Instant firedAt, Instant scheduledFor, String firedBy, String node,
                     String outcome, String processInstanceId, Long versionId, String error, long durationMs) {
    public static final String STARTED = "STARTED";
    public static final String FAILED = "FAILED";

    public boolean started() {
        return STARTED.equals(outcome);
    }
}
