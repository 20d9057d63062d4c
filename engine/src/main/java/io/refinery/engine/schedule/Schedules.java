package io.refinery.engine.schedule;

import io.refinery.engine.system.ApiException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules as managers see them: create, edit, pause, resume, delete, run now, and the firing log. A schedule is a
 * row of {@code schedule} plus a Quartz job and cron trigger keyed {@code schedule-<id>}; both change in one
 * transaction (Quartz's job store uses the same data source and joins Spring's transaction). A cron firing missed
 * while no engine ran fires once when one starts, then the cron goes on.
 */
@Service
public class Schedules {
    static final String GROUP = "refinery-schedules";
    /** How many upcoming fire times a preview shows. */
    public static final int PREVIEW = 3;

    private final ScheduleRepository repository;
    private final ScheduledStarts starts;
    private final ScheduleRunner runner;
    private final Scheduler quartz;

    Schedules(ScheduleRepository repository, ScheduledStarts starts, ScheduleRunner runner, Scheduler quartz) {
        this.repository = repository;
        this.starts = starts;
        this.runner = runner;
        this.quartz = quartz;
    }

    /** A dataset a collect schedule may target. */
    public record DatasetRef(long id, String name) {
    }

    /** The datasets, by name: what a collect schedule may collect into. */
    public List<DatasetRef> datasets() {
        return repository.datasets();
    }

    /** The next fire times of a cron in a zone (checked: errors name the field). */
    public List<Instant> preview(String cron, String zone) {
        return CronSchedule.of(cron, zone).next(Instant.now(), PREVIEW);
    }

    @Transactional
    public Schedule create(ScheduleSpec raw, String user) {
        ScheduleSpec spec = checked(raw);
        long id = repository.insert(spec, user);
        inQuartz(() -> quartz.scheduleJob(job(id), Set.of(trigger(id, spec)), true));
        return get(id);
    }

    @Transactional
    public Schedule update(long id, ScheduleSpec raw, String user) {
        require(id);
        ScheduleSpec spec = checked(raw);
        boolean paused = paused(id);
        repository.update(id, spec, user);
        inQuartz(() -> {
            quartz.rescheduleJob(triggerKey(id), trigger(id, spec));
            if (paused) {
                quartz.pauseTrigger(triggerKey(id));
            }
        });
        return get(id);
    }

    /** Stops it for good; the row and its firings stay, marked deleted by whom and when. */
    @Transactional
    public void delete(long id, String user) {
        require(id);
        repository.markDeleted(id, user);
        inQuartz(() -> quartz.deleteJob(jobKey(id)));
    }

    @Transactional
    public Schedule pause(long id) {
        require(id);
        inQuartz(() -> quartz.pauseTrigger(triggerKey(id)));
        return get(id);
    }

    @Transactional
    public Schedule resume(long id) {
        require(id);
        inQuartz(() -> quartz.resumeTrigger(triggerKey(id)));
        return get(id);
    }

    /** Fires it now, in this thread, and returns the logged firing (its outcome may be FAILED). */
    public Firing runNow(long id, String user) {
        require(id);
        return runner.fire(id, null, user, inQuartz(quartz::getSchedulerInstanceId));
    }

    public List<Firing> firings(long id, int limit) {
        require(id);
        return repository.firings(id, limit);
    }

    public List<Schedule> all() {
        return repository.all().stream().map(this::view).toList();
    }

    public Schedule get(long id) {
        return view(require(id));
    }

    private ScheduleRepository.Row require(long id) {
        return repository.find(id).orElseThrow(() -> ApiException.notFound("schedule " + id));
    }

    private ScheduleSpec checked(ScheduleSpec raw) {
        ScheduleSpec spec = raw.validated();
        starts.checkTargets(spec);
        if (spec.cronSchedule().next(Instant.now(), 1).isEmpty()) {
            throw ApiException.badRequest("field 'cron': '" + spec.cron() + "' never fires after now");
        }
        return spec;
    }

    private Schedule view(ScheduleRepository.Row row) {
        Trigger trigger = inQuartz(() -> quartz.getTrigger(triggerKey(row.id())));
        Date next = trigger == null ? null : trigger.getNextFireTime();
        List<Firing> last = repository.firings(row.id(), 1);
        return new Schedule(row.id(), row.spec(), row.createdBy(), row.createdAt(), row.updatedBy(), row.updatedAt(),
                paused(row.id()), next == null ? null : next.toInstant(), last.isEmpty() ? null : last.get(0));
    }

    private boolean paused(long id) {
        return inQuartz(() -> quartz.getTriggerState(triggerKey(id))) == Trigger.TriggerState.PAUSED;
    }

    static JobKey jobKey(long id) {
        return JobKey.jobKey("schedule-" + id, GROUP);
    }

    static TriggerKey triggerKey(long id) {
        return TriggerKey.triggerKey("schedule-" + id, GROUP);
    }

    private static JobDetail job(long id) {
        return JobBuilder.newJob(ScheduleFiringJob.class).withIdentity(jobKey(id))
                .usingJobData(ScheduleFiringJob.SCHEDULE_ID, id).storeDurably().build();
    }

    private static Trigger trigger(long id, ScheduleSpec spec) {
        CronSchedule cron = spec.cronSchedule();
        return TriggerBuilder.newTrigger().withIdentity(triggerKey(id)).forJob(jobKey(id))
                .withSchedule(CronScheduleBuilder.cronSchedule(cron.expression())
                        .inTimeZone(TimeZone.getTimeZone(cron.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    private interface QuartzCall<T> {
        T call() throws SchedulerException;
    }

    private interface QuartzAction {
        void run() throws SchedulerException;
    }

    private static <T> T inQuartz(QuartzCall<T> call) {
        try {
            return call.call();
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz: " + e.getMessage(), e);
        }
    }

    private static void inQuartz(QuartzAction action) {
        inQuartz(() -> {
            action.run();
            return null;
        });
    }
}
