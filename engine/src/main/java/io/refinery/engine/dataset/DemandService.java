package io.refinery.engine.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.workflows.Vars;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files a demand: checks it (every field, the thresholds against their one definition, the process it names against
 * the dataset-process contract), creates the dataset (once per name) and a version, and starts the chosen version of
 * its process (the shipped {@code dataset-construction} when it names none). The instance keeps the version it
 * started on.
 */
@Service
public class DemandService {

    /** What a started demand is known by. */
    public record Started(long datasetId, long versionId, String processInstanceId, String processKey,
                          int processVersion) {
        public Started(long datasetId, long versionId, String processInstanceId) {
            this(datasetId, versionId, processInstanceId, null, 0);
        }
    }

    private final DatasetRepository datasets;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final ObjectMapper json;
    private final DatasetProcesses processes;
    private final Validator validator;
    private final SourcePolicy sources;
    private final TaskService tasks;

    public DemandService(DatasetRepository datasets, RuntimeService runtime, IdentityService identity,
                         ObjectMapper json, DatasetProcesses processes, Validator validator, SourcePolicy sources,
                         TaskService tasks) {
        this.sources = sources;
        this.datasets = datasets;
        this.runtime = runtime;
        this.identity = identity;
        this.json = json;
        this.processes = processes;
        this.validator = validator;
        this.tasks = tasks;
    }

    /**
     * {@link #start(Demand, CurrentUser)} for a user known by id only (schedules): no role check on the process, no
     * check of the source against the admin's folder roots (the collect worker checks where it reads).
     */
    @Transactional
    public Started start(Demand raw, String user) {
        return start(raw, user, null);
    }

    /** One transaction: the version row and the process instance exist together or not at all. */
    @Transactional
    public Started start(Demand raw, CurrentUser user) {
        return start(raw, user.id(), user);
    }

    /**
     * Every reason the demand would be refused, as {@code field: message} (empty when it may be filed): bean
     * validation of each field, then the thresholds' ranges.
     */
    public List<String> problems(Demand demand) {
        List<String> problems = new ArrayList<>();
        validator.validate(demand).stream()
                .sorted(Comparator.comparing((ConstraintViolation<Demand> v) -> v.getPropertyPath().toString()))
                .forEach(v -> problems.add(v.getPropertyPath() + ": " + v.getMessage()));
        problems.addAll(demand.problems());
        return problems;
    }

    /**
     * Revises a demand that was sent back for changes, and hands its approval back to the managers: the stored demand
     * and its process variables take the revised values (every field except name, task type, source and process,
     * which stay as filed), the approval task loses its assignee and {@code changesRequested} is removed. Only the
     * person the approval was sent back to (or an admin) may; 409 once the demand no longer waits for approval.
     *
     * @return the demand as now stored
     */
    @Transactional
    public Demand revise(long versionId, Demand revised, CurrentUser user) {
        DatasetRepository.VersionRow version = datasets.version(versionId)
                .orElseThrow(() -> ApiException.notFound("demand of version " + versionId));
        Demand filed;
        try {
            filed = json.readValue(version.demandJson(), Demand.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Task approval = version.processInstanceId() == null ? null : tasks.createTaskQuery()
                .processInstanceId(version.processInstanceId())
                .taskDefinitionKey(io.refinery.workflows.Processes.Steps.DEMAND_APPROVAL).singleResult();
        if (approval == null) {
            throw ApiException.conflict("the demand of version " + versionId + " no longer waits for approval");
        }
        if (!user.id().equals(approval.getAssignee()) && !user.hasRole(io.refinery.engine.system.Roles.ADMIN)) {
            throw ApiException.forbidden("the demand of version " + versionId + " was not sent back to you");
        }
        Demand merged = new Demand(filed.name(), revised.description(), filed.taskType(), revised.labelSet(),
                revised.labelRules(), revised.targetSize(), revised.dueDate(), revised.intendedUse(), filed.source(),
                revised.packageSize(), revised.overlap(), revised.labelSla(), revised.maxRounds(),
                revised.thresholds(), revised.license(), revised.splits(), filed.processKey(),
                filed.processVersion(), revised.priority());
        List<String> problems = problems(merged);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("Invalid demand: " + String.join("; ", problems));
        }
        Demand stored = merged.withDefaults();
        try {
            datasets.setDemandJson(versionId, json.writeValueAsString(stored));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String run = version.processInstanceId();
        runtime.setVariables(run, variables(stored));
        if (stored.dueDate() == null) {
            runtime.removeVariable(run, Vars.DUE_DATE);
        }
        runtime.removeVariable(run, Vars.CHANGES_REQUESTED);
        tasks.setAssignee(approval.getId(), null);
        return stored;
    }

    private Started start(Demand raw, String userId, CurrentUser user) {
        List<String> problems = problems(raw);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("Invalid demand: " + String.join("; ", problems));
        }
        if (user != null) {
            // folders and URLs only where an admin allowed them (schedules were checked when they were made)
            sources.check(raw.source());
        }
        Demand given = raw.withDefaults();
        DatasetProcesses.Chosen process = processes.choose(given.processKey(), given.processVersion(), user);
        Demand demand = given.onProcess(process.key(), process.version());
        long datasetId = datasets.datasetIdFor(demand.name(), demand.taskType(), userId);
        long versionId;
        try {
            versionId = datasets.insertVersion(datasetId, json.writeValueAsString(demand), userId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> vars = variables(demand);
        vars.put(Vars.DATASET_ID, datasetId);
        vars.put(Vars.VERSION_ID, versionId);
        ProcessInstance pi;
        identity.setAuthenticatedUserId(userId);
        try {
            pi = runtime.startProcessInstanceById(process.definitionId(), "version-" + versionId, vars);
        } finally {
            identity.clearAuthentication();
        }
        datasets.setProcessInstance(versionId, pi.getId());
        return new Started(datasetId, versionId, pi.getId(), process.key(), process.version());
    }

    static Map<String, Object> variables(Demand d) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.NAME, d.name());
        vars.put(Vars.TASK_TYPE, d.taskType());
        vars.put(Vars.LABEL_SET, String.join(",", d.labelSet()));
        vars.put(Vars.LABEL_RULES, d.labelRules());
        vars.put(Vars.TARGET_SIZE, d.targetSize());
        if (d.dueDate() != null) {
            vars.put(Vars.DUE_DATE, Date.from(d.dueDate().atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        vars.put(Vars.SOURCE, d.source());
        vars.put(Vars.PACKAGE_SIZE, d.packageSize());
        vars.put(Vars.OVERLAP, d.overlap());
        vars.put(Vars.LABEL_SLA, d.labelSla());
        vars.put(Vars.MAX_ROUNDS, d.maxRounds());
        // also set by the shipped start event's listener; a drawn process need not have it
        vars.put(Vars.ROUND, 1);
        vars.put(Vars.PRIORITY, d.priority());
        vars.putAll(d.thresholds().asVariables());
        return vars;
    }
}
