package io.refinery.engine.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The Quartz job of every schedule: thin on purpose, it hands the firing to {@link ScheduleRunner}. Its class name is
 * stored in QRTZ_JOB_DETAILS: renaming or moving it breaks the stored schedules. One firing of a schedule at a time,
 * cluster-wide.
 */
@DisallowConcurrentExecution
public class ScheduleFiringJob extends QuartzJobBean {
    static final String SCHEDULE_ID = "scheduleId";

    private final ScheduleRunner runner;

    public ScheduleFiringJob(ScheduleRunner runner) {
        this.runner = runner;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        String node;
        try {
            node = context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            node = null;
        }
        runner.fire(context.getMergedJobDataMap().getLong(SCHEDULE_ID), context.getScheduledFireTime().toInstant(),
                ScheduledStarts.SYSTEM_USER, node);
    }
}
