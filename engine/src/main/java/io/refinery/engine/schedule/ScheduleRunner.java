package io.refinery.engine.schedule;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Fires a schedule: starts what its kind starts ({@link ScheduledStarts}, one transaction) and logs the firing with
 * its outcome, whatever happens. Called by the Quartz job and by "run now".
 */
@Service
class ScheduleRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

    private final ScheduleRepository schedules;
    private final ScheduledStarts starts;

    ScheduleRunner(ScheduleRepository schedules, ScheduledStarts starts) {
        this.schedules = schedules;
        this.starts = starts;
    }

    /**
     * @param scheduledFor when Quartz meant to fire it (null for "run now")
     * @param firedBy      {@link ScheduledStarts#SYSTEM_USER} for cron firings, else the user
     * @param node         the Quartz instance that fired it
     */
    Firing fire(long scheduleId, Instant scheduledFor, String firedBy, String node) {
        Instant firedAt = Instant.now();
        long t0 = System.nanoTime();
        String outcome = Firing.STARTED;
        String error = null;
        ScheduledStarts.Started started = null;
        try {
            ScheduleRepository.Row schedule = schedules.find(scheduleId).orElseThrow(
                    () -> new IllegalStateException("schedule " + scheduleId + " no longer exists"));
            started = starts.start(schedule);
        } catch (RuntimeException e) {
            outcome = Firing.FAILED;
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("schedule {} fired by {} failed: {}", scheduleId, firedBy, error);
        }
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        Firing firing = new Firing(0, scheduleId, firedAt, scheduledFor, firedBy, node, outcome,
                started == null ? null : started.processInstanceId(), started == null ? null : started.versionId(),
                error, ms);
        long id = schedules.insertFiring(firing);
        return new Firing(id, scheduleId, firedAt, scheduledFor, firedBy, node, outcome, firing.processInstanceId(),
                firing.versionId(), error, ms);
    }
}
