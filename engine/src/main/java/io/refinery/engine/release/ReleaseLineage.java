package io.refinery.engine.release;

import io.refinery.engine.dataset.DatasetRepository;
import io.refinery.engine.dataset.DatasetVersions;
import io.refinery.engine.system.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

/** Where a version came from, as the engine knows it: its process instance and the deployed definition it ran. */
@Service
class ReleaseLineage {

    private final DatasetVersions datasets;
    private final HistoryService history;
    private final RepositoryService repository;

    ReleaseLineage(DatasetVersions datasets, HistoryService history, RepositoryService repository) {
        this.datasets = datasets;
        this.history = history;
        this.repository = repository;
    }

    /**
     * {@code processInstanceId}, {@code processDefinitionId}, {@code processDefinitionKey},
     * {@code processDefinitionVersion}, {@code processDefinitionVersionTag}, {@code deploymentId}; the process
     * fields are absent when the version has no process instance (e.g. history cleaned up).
     */
    Map<String, Object> of(long versionId) {
        DatasetRepository.VersionRow v = datasets.version(versionId)
                .orElseThrow(() -> ApiException.notFound("dataset version " + versionId));
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("processInstanceId", v.processInstanceId());
        if (v.processInstanceId() == null) {
            return lineage;
        }
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery()
                .processInstanceId(v.processInstanceId()).singleResult();
        if (pi == null) {
            return lineage;
        }
        ProcessDefinition definition = repository.getProcessDefinition(pi.getProcessDefinitionId());
        lineage.put("processDefinitionId", definition.getId());
        lineage.put("processDefinitionKey", definition.getKey());
        lineage.put("processDefinitionVersion", definition.getVersion());
        lineage.put("processDefinitionVersionTag", definition.getVersionTag());
        lineage.put("deploymentId", definition.getDeploymentId());
        return lineage;
    }
}
