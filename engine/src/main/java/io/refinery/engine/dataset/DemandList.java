package io.refinery.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workflows.api.WorkerApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demands as their managers follow them: newest first, each with its state, the process and version it runs,
 * where the run is now (the steps with a token), its open human tasks and how far its data has come. A page costs a
 * fixed number of queries per row, whatever the size of the datasets.
 */
@Service
public class DemandList {

    /** States of a demand's run, as the list shows them. */
    public enum State { RUNNING, RELEASED, REJECTED, ABANDONED, ENDED, FAILING }

    /**
     * One demand.
     *
     * @param currentSteps names of the steps the run waits in now (empty when it ended)
     * @param openTasks    open human tasks of the run
     * @param progress     raw_items, quarantined, items, labelled, packages
     * @param rejectReason     why the demand was rejected (null unless it was, with a reason)
     * @param changesRequested what the approving manager asked to change while the demand is sent back (else null)
     */
    public record Row(long versionId, long datasetId, String name, String taskType, State state, String processKey,
                      Integer processVersion, String processInstanceId, List<String> currentSteps, long openTasks,
                      long incidents, Map<String, Object> progress, long targetSize, String filedBy, Instant filedAt,
                      Instant dueDate, String rejectReason, String changesRequested) {
    }

    /** A source file of a version: name, size, SHA-256, who uploaded it when. */
    public record Source(String name, long bytes, String sha256, String uploadedBy, Instant uploadedAt) {
    }

    private final DatasetRepository datasets;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final TaskService tasks;
    private final RepositoryService repository;
    private final org.camunda.bpm.engine.ManagementService management;
    private final ObjectMapper json;

    public DemandList(DatasetRepository datasets, RuntimeService runtime, HistoryService history, TaskService tasks,
                      RepositoryService repository, org.camunda.bpm.engine.ManagementService management,
                      ObjectMapper json) {
        this.management = management;
        this.datasets = datasets;
        this.runtime = runtime;
        this.history = history;
        this.tasks = tasks;
        this.repository = repository;
        this.json = json;
    }

    /** The newest {@code limit} demands (at most 500). */
    @Transactional(readOnly = true)
    public List<Row> newest(int limit) {
        List<DatasetRepository.VersionRow> versions = datasets.versions().stream().limit(Math.max(1, Math.min(limit, 500)))
                .toList();
        Set<String> instanceIds = new HashSet<>();
        versions.forEach(v -> {
            if (v.processInstanceId() != null) {
                instanceIds.add(v.processInstanceId());
            }
        });
        Map<String, HistoricProcessInstance> instances = new HashMap<>();
        if (!instanceIds.isEmpty()) {
            history.createHistoricProcessInstanceQuery().processInstanceIds(instanceIds).list()
                    .forEach(pi -> instances.put(pi.getId(), pi));
        }
        Map<String, ProcessDefinition> definitions = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (DatasetRepository.VersionRow v : versions) {
            rows.add(row(v, instances.get(v.processInstanceId()), definitions));
        }
        return rows;
    }

    /** One demand by its version id. */
    @Transactional(readOnly = true)
    public java.util.Optional<Row> of(long versionId) {
        return datasets.version(versionId).map(v -> row(v, v.processInstanceId() == null ? null
                : history.createHistoricProcessInstanceQuery().processInstanceId(v.processInstanceId()).singleResult(),
                new HashMap<>()));
    }

    /** The demand a version was filed with (as stored: with its defaults and the process it runs on). */
    @Transactional(readOnly = true)
    public java.util.Optional<Demand> demand(long versionId) {
        return datasets.version(versionId).map(v -> {
            try {
                return json.readValue(v.demandJson(), Demand.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * A step's progress as its worker last reported it: rows so far, {@code done} of {@code total} ({@code unit}
     * bytes or rows), the rate, the time left and whether it still runs; {@code updatedAt} is when the report came.
     */
    public record StepProgress(String step, long rows, long done, long total, String unit, double rowsPerSecond,
                               Long secondsLeft, boolean running, Instant updatedAt) {
        /** Share done, 0–1, or -1 when the total is not known. */
        public double fraction() {
            return total <= 0 ? -1 : Math.min(1.0, (double) done / total);
        }
    }

    /** Every step's last progress report, oldest first. */
    public List<StepProgress> stepProgress(long versionId) {
        return datasets.progress(versionId).stream().map(p -> {
            try {
                WorkerApi.Progress r = json.readValue(p.progressJson(), WorkerApi.Progress.class);
                return new StepProgress(p.step(), r.rows(), r.done(), r.total(), r.unit(), r.rowsPerSecond(),
                        r.secondsLeft(), r.running(), p.updatedAt());
            } catch (IOException e) {
                throw new UncheckedIOException("progress of step " + p.step() + " is not readable", e);
            }
        }).toList();
    }

    /** The source files uploaded to a version so far, by name. */
    @Transactional(readOnly = true)
    public List<Source> sources(long versionId) {
        return datasets.sources(versionId).stream()
                .map(s -> new Source(s.name(), s.bytes(), s.sha256(), s.uploadedBy(), s.uploadedAt())).toList();
    }

    private Row row(DatasetRepository.VersionRow v, HistoricProcessInstance pi, Map<String, ProcessDefinition> definitions) {
        JsonNode demand;
        try {
            demand = json.readTree(v.demandJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String key = demand.path("processKey").asText(null);
        Integer version = demand.hasNonNull("processVersion") ? demand.get("processVersion").asInt() : null;
        List<String> current = List.of();
        long open = 0;
        long incidents = 0;
        State state = "RELEASED".equals(v.status()) ? State.RELEASED : State.RUNNING;
        String rejectReason = null;
        String changesRequested = null;
        if (pi != null) {
            ProcessDefinition d = definitions.computeIfAbsent(pi.getProcessDefinitionId(),
                    id -> repository.getProcessDefinition(id));
            key = d.getKey();
            version = d.getVersion();
            if (pi.getEndTime() == null) {
                current = currentSteps(pi.getId());
                open = tasks.createTaskQuery().processInstanceId(pi.getId()).count();
                incidents = runtime.createIncidentQuery().processInstanceId(pi.getId()).count();
                if (incidents > 0) {
                    state = State.FAILING;
                }
                Object changes = runtime.getVariable(pi.getId(), io.refinery.workflows.Vars.CHANGES_REQUESTED);
                changesRequested = changes == null ? null : changes.toString();
            } else if (state != State.RELEASED) {
                state = endState(pi);
                if (state == State.REJECTED) {
                    rejectReason = rejectReason(pi.getId());
                }
            }
        }
        Instant due = demand.hasNonNull("dueDate") ? java.time.LocalDate.parse(demand.get("dueDate").asText())
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : null;
        return new Row(v.id(), v.datasetId(), v.datasetName(), v.taskType(), state, key, version, v.processInstanceId(),
                current, open, incidents, datasets.counts(v.id()), demand.path("targetSize").asLong(),
                v.createdBy(), v.createdAt(), due, rejectReason, changesRequested);
    }

    private String rejectReason(String processInstanceId) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName(io.refinery.workflows.Vars.REJECT_REASON).list().stream()
                .map(h -> h.getValue() == null ? null : h.getValue().toString()).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    private List<String> currentSteps(String processInstanceId) {
        List<String> names = new ArrayList<>();
        for (HistoricActivityInstance a : steps(processInstanceId, true)) {
            String name = a.getActivityName() == null ? a.getActivityId() : a.getActivityName();
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The elements the run is at now ({@code unfinished}) or has passed, one activity of each, multi-instance bodies
     * left out: grouped in the database, so a round of 19,000 open label tasks is one row, not 19,000 (the demand
     * list and page ask every 2 s).
     */
    List<HistoricActivityInstance> steps(String processInstanceId, boolean unfinished) {
        String table = management.getTableName(HistoricActivityInstance.class);
        return history.createNativeHistoricActivityInstanceQuery().sql("SELECT * FROM " + table + " WHERE ID_ IN"
                        + " (SELECT MIN(ID_) FROM " + table + " WHERE PROC_INST_ID_ = #{pi} AND END_TIME_ IS "
                        + (unfinished ? "NULL" : "NOT NULL") + " GROUP BY ACT_ID_) ORDER BY START_TIME_, ID_")
                .parameter("pi", processInstanceId).list().stream()
                .filter(a -> !a.getActivityType().contains("multiInstanceBody")).toList();
    }

    private State endState(HistoricProcessInstance pi) {
        String end = pi.getEndActivityId();
        if (end == null) {
            return State.ENDED;
        }
        if (end.contains("ejected")) {
            return State.REJECTED;
        }
        if (end.contains("bandon")) {
            return State.ABANDONED;
        }
        return State.ENDED;
    }
}
