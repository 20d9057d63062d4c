package io.refinery.workers.runtime;

import java.time.Duration;
import java.util.UUID;

/**
 * How a worker talks to the engine. Defaults favour low pickup latency and fast recovery: long polling
 * (the engine answers as soon as a task exists), no back-off, short locks that a heartbeat extends while a
 * handler runs, so a killed worker's task is free again within about {@code lockDuration}.
 *
 * @param engineUrl        e.g. {@code http://localhost:8080} (the product API is {@code /api}, Camunda's REST
 *                         API {@code /engine-rest})
 * @param longPoll         how long a fetch waits on the engine for new tasks; short, so that a task whose lock
 *                         expired (its worker died) is seen again soon
 * @param lockDuration     the lock taken per task; extended by heartbeat while the handler runs
 * @param threads          handlers running at once
 * @param maxTasks         tasks fetched per request
 */
public record WorkerSettings(String engineUrl, String user, String password, String workerId, Duration longPoll,
                             Duration lockDuration, int threads, int maxTasks) {

    public static WorkerSettings defaults(String engineUrl, String user, String password) {
        return new WorkerSettings(engineUrl, user, password, "worker-" + UUID.randomUUID().toString().substring(0, 8),
                Duration.ofMillis(1500), Duration.ofMillis(2000), 8, 64);
    }

    public WorkerSettings withThreads(int n) {
        return new WorkerSettings(engineUrl, user, password, workerId, longPoll, lockDuration, n, Math.max(maxTasks, n));
    }

    public WorkerSettings withWorkerId(String id) {
        return new WorkerSettings(engineUrl, user, password, id, longPoll, lockDuration, threads, maxTasks);
    }

    public WorkerSettings withLocks(Duration lock, Duration poll) {
        return new WorkerSettings(engineUrl, user, password, workerId, poll, lock, threads, maxTasks);
    }

    public String restUrl() {
        return engineUrl.replaceAll("/+$", "") + "/engine-rest";
    }
}
