package io.refinery.engine.process;

import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Camunda wakes parked long-polling fetches only when a new external task is created. A task locked to a worker
 * that died (even one that died while its fetch was parked, so the engine handed it the task) becomes free again
 * when its lock expires, but nobody is told: living workers would only see it when their own long poll ends. This
 * watcher looks for locks that expired since its last look and wakes the parked fetches, so such a task is picked
 * up about one lock duration after the worker died, whatever the workers' long-poll timeout.
 */
@Component
class ExpiredLockWatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ExpiredLockWatcher.class);

    private final ExternalTaskService externalTasks;
    private final long periodMillis;
    private ScheduledExecutorService timer;
    private Date lastLook = new Date();

    ExpiredLockWatcher(ExternalTaskService externalTasks,
                       @Value("${refinery.expired-lock-check-ms:250}") long periodMillis) {
        this.externalTasks = externalTasks;
        this.periodMillis = periodMillis;
    }

    void look() {
        try {
            Date now = new Date();
            long expired = externalTasks.createExternalTaskQuery().lockExpirationAfter(lastLook)
                    .lockExpirationBefore(now).count();
            lastLook = now;
            if (expired > 0) {
                log.info("{} external task lock(s) expired without completion: waking long-polling workers", expired);
                ProcessEngineImpl.EXT_TASK_CONDITIONS.signalAll();
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for expired external task locks: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "refinery-expired-locks");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::look, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
