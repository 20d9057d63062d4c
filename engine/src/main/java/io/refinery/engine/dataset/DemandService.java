package io.refinery.engine.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Vars;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Files a demand: creates the dataset (once per name) and a version, and starts its construction process. */
@Service
public class DemandService {

    /** What a started demand is known by. */
    public record Started(long datasetId, long versionId, String processInstanceId) {
    }

    private final DatasetRepository datasets;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final ObjectMapper json;

    public DemandService(DatasetRepository datasets, RuntimeService runtime, IdentityService identity, ObjectMapper json) {
        this.datasets = datasets;
        this.runtime = runtime;
        this.identity = identity;
        this.json = json;
    }

    /** One transaction: the version row and the process instance exist together or not at all. */
    @Transactional
    public Started start(Demand raw, String user) {
        Demand demand = raw.withDefaults();
        long datasetId = datasets.datasetIdFor(demand.name(), demand.taskType(), user);
        long versionId;
        try {
            versionId = datasets.insertVersion(datasetId, json.writeValueAsString(demand), user);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> vars = variables(demand);
        vars.put(Vars.DATASET_ID, datasetId);
        vars.put(Vars.VERSION_ID, versionId);
        ProcessInstance pi;
        identity.setAuthenticatedUserId(user);
        try {
            pi = runtime.startProcessInstanceByKey(Processes.DATASET_CONSTRUCTION, "version-" + versionId, vars);
        } finally {
            identity.clearAuthentication();
        }
        datasets.setProcessInstance(versionId, pi.getId());
        return new Started(datasetId, versionId, pi.getId());
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
        vars.putAll(d.thresholds().asVariables());
        return vars;
    }
}
