package io.refinery.engine.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.dataset.Demand;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.release.ReleaseService;
import io.refinery.engine.system.ApiException;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Vars;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each kind of schedule starts, as the system user {@value #SYSTEM_USER}. Each start is one transaction: the
 * new version, the process instance and (collect) the pre-approval exist together or not at all.
 */
@Service
class ScheduledStarts {
    /** The user that scheduled runs act as (dataset_version.created_by, Camunda's initiator). */
    static final String SYSTEM_USER = "scheduler";

    /** What a firing started. */
    record Started(String processInstanceId, Long versionId) {
    }

    private final ScheduleRepository schedules;
    private final DemandService demands;
    private final ReleaseService releases;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final IdentityService identity;
    private final ObjectMapper json;

    ScheduledStarts(ScheduleRepository schedules, DemandService demands, ReleaseService releases, RuntimeService runtime, TaskService tasks, IdentityService identity,
                    ObjectMapper json) {
        this.schedules = schedules;
        this.demands = demands;
        this.releases = releases;
        this.runtime = runtime;
        this.tasks = tasks;
        this.identity = identity;
        this.json = json;
    }

    @Transactional
    public Started start(ScheduleRepository.Row schedule) {
        return switch (schedule.spec().kindOf()) {
            case COLLECT -> collect(schedule);
            case DRIFT_CHECK -> driftCheck(schedule);
        };
    }

    /**
     * The dataset's next version with its newest demand, the source replaced by the schedule's folder, then the
     * dataset-construction run. Pre-approved runs complete "Approve demand" at once, assigned to the schedule's
     * creator: they approved the recurring demand when they made the schedule.
     */
    private Started collect(ScheduleRepository.Row schedule) {
        ScheduleSpec spec = schedule.spec();
        String demandJson = schedules.newestDemand(spec.datasetId()).orElseThrow(() -> new IllegalStateException(
                "dataset " + spec.datasetId() + " has no version whose demand the next version could reuse"));
        Demand last;
        try {
            last = json.readValue(demandJson, Demand.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dataset " + spec.datasetId() + ": its newest demand is unreadable: "
                    + e.getOriginalMessage());
        }
        Demand next = last.forNextVersion("folder:" + spec.folder());
        DemandService.Started started = demands.start(next, SYSTEM_USER);
        runtime.setVariable(started.processInstanceId(), Vars.SCHEDULE_ID, schedule.id());
        if (Boolean.TRUE.equals(spec.preApproved())) {
            Task approval = tasks.createTaskQuery().processInstanceId(started.processInstanceId())
                    .taskDefinitionKey(Processes.Steps.DEMAND_APPROVAL).singleResult();
            if (approval != null) {
                tasks.setAssignee(approval.getId(), schedule.createdBy());
                tasks.complete(approval.getId(), Map.of(Vars.APPROVED, true));
            }
        }
        return new Started(started.processInstanceId(), started.versionId());
    }

    /** A drift-check run comparing the dataset's newest version after the reference release with that release. */
    private Started driftCheck(ScheduleRepository.Row schedule) {
        ScheduleSpec spec = schedule.spec();
        long referenceId = spec.referenceVersionId();
        ReleaseService.Release release = releases.forVersion(referenceId).orElseThrow(() -> new IllegalStateException(
                "version " + referenceId + " is not released: a drift check compares newer data with a release"));
        long newer = schedules.newerVersion(release.datasetId(), referenceId).orElseThrow(() -> new IllegalStateException(
                "dataset " + release.datasetName() + " has no version newer than release " + release.label()
                        + " (version " + referenceId + "): nothing to compare yet"));
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.NAME, release.datasetName());
        vars.put(Vars.DATASET_ID, release.datasetId());
        vars.put(Vars.DRIFT_REFERENCE_VERSION_ID, referenceId);
        vars.put(Vars.DRIFT_VERSION_ID, newer);
        vars.put(Vars.SCHEDULE_ID, schedule.id());
        putIfSet(vars, Vars.MAX_PSI, spec.maxPsi());
        putIfSet(vars, Vars.MAX_TVD, spec.maxTvd());
        putIfSet(vars, Vars.MAX_ANOMALY_RATIO, spec.maxAnomalyRatio());
        identity.setAuthenticatedUserId(SYSTEM_USER);
        try {
            String pi = runtime.startProcessInstanceByKey(Processes.DRIFT_CHECK, "drift-version-" + newer, vars).getId();
            return new Started(pi, newer);
        } finally {
            identity.clearAuthentication();
        }
    }

    private static void putIfSet(Map<String, Object> vars, String name, Double value) {
        if (value != null) {
            vars.put(name, value);
        }
    }

    /** The dataset a new schedule points at must exist: collect needs a version to copy, drift a release. */
    void checkTargets(ScheduleSpec spec) {
        if (spec.kindOf() == ScheduleKind.COLLECT) {
            if (schedules.newestDemand(spec.datasetId()).isEmpty()) {
                throw ApiException.badRequest("field 'datasetId': dataset " + spec.datasetId()
                        + " does not exist or has no version yet (file a demand first)");
            }
        } else if (releases.forVersion(spec.referenceVersionId()).isEmpty()) {
            throw ApiException.badRequest("field 'referenceVersionId': version "
                    + spec.referenceVersionId() + " is not a released version");
        }
    }
}
