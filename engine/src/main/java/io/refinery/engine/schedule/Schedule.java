package io.refinery.engine.schedule;

import java.time.Instant;

/** A schedule as the API and the UI show it: its definition, who made it, and its Quartz state. */
public record Schedule(long id, ScheduleSpec spec, String createdBy, Instant createdAt, String updatedBy,
                       Instant updatedAt, boolean paused, Instant nextFireTime, Firing lastFiring) {
}
