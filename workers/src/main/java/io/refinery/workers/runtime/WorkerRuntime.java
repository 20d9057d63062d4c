package io.refinery.workers.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.camunda.bpm.client.topic.TopicSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link TopicHandler}s with the official Camunda external task client, tuned: long polling without
 * back-off, handlers on a pool (the client alone runs them one by one on its fetch thread), completions sent in
 * batches ({@link BatchCompleter}), and a heartbeat that keeps the short locks of running jobs alive. A job that throws is failed with its message; retries
 * count down, then the engine raises an incident.
 */
public final class WorkerRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerRuntime.class);
    static final long RETRY_TIMEOUT_MS = 5_000;

    private record InFlight(ExternalTask task, ExternalTaskService service, AtomicLong lockedUntil) {
    }

    private final WorkerSettings settings;
    private final ExternalTaskClient client;
    private final ExecutorService pool;
    private final BatchCompleter completer;
    private final Semaphore permits;
    private final ScheduledExecutorService heartbeat;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final List<TopicSubscription> subscriptions = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile java.util.function.Consumer<Job> onCompleted = job -> {
    };

    public WorkerRuntime(WorkerSettings settings) {
        this.settings = settings;
        this.pool = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "refinery-handler");
            t.setDaemon(true);
            return t;
        });
        this.permits = new Semaphore(Math.max(settings.threads(), settings.maxTasks()));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "refinery-heartbeat");
            t.setDaemon(true);
            return t;
        });
        this.completer = new BatchCompleter(settings, 2);
        int connections = settings.threads() + 4;
        this.client = ExternalTaskClient.create()
                .baseUrl(settings.restUrl())
                .workerId(settings.workerId())
                .maxTasks(settings.maxTasks())
                .asyncResponseTimeout(settings.longPoll().toMillis())
                .lockDuration(settings.lockDuration().toMillis())
                .disableBackoffStrategy()
                .disableAutoFetching()
                .addInterceptor(new BasicAuthProvider(settings.user(), settings.password()))
                .customizeHttpClient(b -> b.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(connections).setMaxConnTotal(connections).build()))
                .build();
    }

    public WorkerRuntime register(TopicHandler handler) {
        subscriptions.add(client.subscribe(handler.topic())
                .lockDuration(settings.lockDuration().toMillis())
                .variables(handler.variables().toArray(String[]::new))
                .handler((task, service) -> dispatch(handler, task, service))
                .open());
        return this;
    }

    public WorkerRuntime start() {
        long period = Math.max(100, settings.lockDuration().toMillis() / 4);
        heartbeat.scheduleAtFixedRate(this::extendLocks, period, period, TimeUnit.MILLISECONDS);
        client.start();
        log.info("Worker {} polling {} for {} (long poll {} ms, lock {} ms, {} threads)", settings.workerId(),
                settings.restUrl(), subscriptions.stream().map(TopicSubscription::getTopicName).toList(),
                settings.longPoll().toMillis(), settings.lockDuration().toMillis(), settings.threads());
        return this;
    }

    private void dispatch(TopicHandler handler, ExternalTask task, ExternalTaskService service) {
        long lock = settings.lockDuration().toMillis();
        inFlight.put(task.getId(), new InFlight(task, service, new AtomicLong(System.currentTimeMillis() + lock)));
        // back-pressure: the fetch thread waits here while maxTasks jobs are being handled or completed, so it never
        // locks more work than this worker is about to finish
        permits.acquireUninterruptibly();
        pool.execute(() -> {
            Job job = Job.of(task);
            Map<String, Object> result;
            try {
                result = handler.handle(job);
            } catch (Exception e) {
                failed.incrementAndGet();
                fail(task, service, e);
                inFlight.remove(task.getId());
                permits.release();
                return;
            }
            // the lock stays alive (heartbeat) until the engine has the completion
            completer.complete(new BatchCompleter.Pending(task, service, result, () -> {
                inFlight.remove(task.getId());
                permits.release();
                completed.incrementAndGet();
                onCompleted.accept(job);
            }));
        });
    }

    private void fail(ExternalTask task, ExternalTaskService service, Exception e) {
        int retries = task.getRetries() == null ? 2 : Math.max(0, task.getRetries() - 1);
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.warn("Job {} ({}) failed, {} retries left: {}", task.getId(), task.getTopicName(), retries, message);
        try {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            service.handleFailure(task, message.length() > 600 ? message.substring(0, 600) : message, trace.toString(),
                    retries, RETRY_TIMEOUT_MS);
        } catch (RuntimeException reportFailed) {
            log.warn("Could not report the failure of job {}: {}", task.getId(), reportFailed.getMessage());
        }
    }

    /** Extends the locks of jobs still running that would expire within half a lock duration. */
    private void extendLocks() {
        long lock = settings.lockDuration().toMillis();
        long now = System.currentTimeMillis();
        for (InFlight job : inFlight.values()) {
            if (job.lockedUntil().get() - now < lock / 2) {
                try {
                    job.service().extendLock(job.task(), lock);
                    job.lockedUntil().set(now + lock);
                } catch (RuntimeException e) {
                    log.warn("Could not extend the lock of job {}: {}", job.task().getId(), e.getMessage());
                }
            }
        }
    }

    /** Called after each job was completed at the engine (for metrics and benchmarks). */
    public WorkerRuntime onCompleted(java.util.function.Consumer<Job> listener) {
        this.onCompleted = listener;
        return this;
    }

    public long completed() {
        return completed.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        client.stop();
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completer.close();
        heartbeat.shutdownNow();
    }
}
