package io.refinery.engine.modeling;

import io.refinery.engine.dataset.DatasetProcesses;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DecisionDefinitionQuery;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What is deployed, read-only: every version of every process and decision with who deployed it, their XML, and which
 * processes a demand may run (the dataset-process contract of each deployed definition, and the admin-only runs of
 * definitions deployed beyond the manager policy).
 */
@Service
public class DeployedModels implements DatasetProcesses {
    private final RepositoryService repository;
    private final DraftRepository drafts;
    private final ContractCheck contracts;
    private final Map<String, ContractReport> checked = new ConcurrentHashMap<>();

    DeployedModels(ProcessEngine engine, DraftRepository drafts, ContractCheck contracts) {
        this.repository = engine.getRepositoryService();
        this.drafts = drafts;
        this.contracts = contracts;
    }

    /** Every deployed version of {@code processKey} (process or decision key), or of all keys when null; latest first. */
    @Transactional(readOnly = true)
    public List<DeployedDefinition> versions(String processKey) {
        ProcessDefinitionQuery processes = repository.createProcessDefinitionQuery();
        DecisionDefinitionQuery decisions = repository.createDecisionDefinitionQuery();
        if (processKey != null) {
            processes.processDefinitionKey(processKey);
            decisions.decisionDefinitionKey(processKey);
        }
        List<ProcessDefinition> ps = processes.list();
        List<DecisionDefinition> ds = decisions.list();
        Set<String> deploymentIds = new HashSet<>();
        ps.forEach(p -> deploymentIds.add(p.getDeploymentId()));
        ds.forEach(d -> deploymentIds.add(d.getDeploymentId()));
        Map<String, Instant> times = new HashMap<>();
        for (String id : deploymentIds) {
            var d = repository.createDeploymentQuery().deploymentId(id).singleResult();
            if (d != null && d.getDeploymentTime() != null) {
                times.put(id, d.getDeploymentTime().toInstant());
            }
        }
        Map<String, String> by = drafts.deployers(deploymentIds);
        List<DeployedDefinition> all = new ArrayList<>();
        ps.forEach(p -> all.add(definition(p, by.get(p.getDeploymentId()), times.get(p.getDeploymentId()))));
        ds.forEach(d -> all.add(definition(d, by.get(d.getDeploymentId()), times.get(d.getDeploymentId()))));
        all.sort(DeployedDefinition::latestFirst);
        return all;
    }

    /** The XML of a deployed process or decision definition, as deployed (read-only view of old versions). */
    @Transactional(readOnly = true)
    public String definitionXml(String definitionId) {
        ProcessDefinition process = repository.createProcessDefinitionQuery().processDefinitionId(definitionId)
                .singleResult();
        String deploymentId;
        String resource;
        if (process != null) {
            deploymentId = process.getDeploymentId();
            resource = process.getResourceName();
        } else {
            DecisionDefinition decision = repository.createDecisionDefinitionQuery().decisionDefinitionId(definitionId)
                    .singleResult();
            if (decision == null) {
                throw ApiException.notFound("definition " + definitionId);
            }
            deploymentId = decision.getDeploymentId();
            resource = decision.getResourceName();
        }
        try (InputStream in = repository.getResourceAsStream(deploymentId, resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- dataset processes

    /**
     * The dataset-process contract of a deployed process definition (deployments never change, so the answer is
     * kept). Shipped processes deployed at start-up are checked like any other.
     */
    public ContractReport contractOf(String definitionId) {
        return checked.computeIfAbsent(definitionId, id -> {
            ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionId(id)
                    .singleResult();
            if (definition == null) {
                throw ApiException.notFound("process definition " + id);
            }
            ModelFile file = new ModelFile(definition.getResourceName(), ModelKind.BPMN, definitionXml(id));
            return contracts.check(List.of(file)).stream().filter(r -> r.processKey().equals(definition.getKey()))
                    .findFirst().orElse(new ContractReport(definition.getKey(), false, List.of(), List.of(
                            new Problem(definition.getKey(), "the process is not executable", DatasetContract.SOURCE,
                                    null, null))));
        });
    }

    /**
     * The deployed process definition a demand runs: {@code key} at {@code version} (null: the latest), refused with
     * the reasons when it does not pass the dataset-process contract, or when it was deployed by an admin beyond the
     * manager policy and {@code user} is no admin.
     */
    @Transactional(readOnly = true)
    public ProcessDefinition datasetProcess(String key, Integer version, CurrentUser user) {
        var query = repository.createProcessDefinitionQuery().processDefinitionKey(key);
        ProcessDefinition definition = version == null ? query.latestVersion().singleResult()
                : query.processDefinitionVersion(version).singleResult();
        if (definition == null) {
            throw ApiException.badRequest("field 'processKey': no deployed process '" + key + "'"
                    + (version == null ? "" : " in version " + version));
        }
        ContractReport report = contractOf(definition.getId());
        if (!report.datasetProcess()) {
            throw ApiException.badRequest("field 'processKey': process '" + key + "' version " + definition.getVersion()
                    + " cannot build a dataset: " + String.join("; ", report.problems().stream()
                    .map(Problem::message).toList()));
        }
        requireRunnableBy(definition, user);
        return definition;
    }

    @Override
    public Chosen choose(String key, Integer version, CurrentUser user) {
        ProcessDefinition d = datasetProcess(key, version, user);
        return new Chosen(d.getId(), d.getKey(), d.getVersion());
    }

    /** Every deployed version of every process, latest first, with whether a demand may name it (and why not). */
    @Transactional(readOnly = true)
    public List<ProcessChoice> processChoices() {
        List<ProcessChoice> choices = new ArrayList<>();
        for (DeployedDefinition d : versions(null)) {
            if (d.kind() == ModelKind.BPMN) {
                ContractReport report = contractOf(d.definitionId());
                choices.add(new ProcessChoice(d, report.datasetProcess(), report.steps(), report.problems()));
            }
        }
        return choices;
    }

    /** Refuses (403) a definition an admin deployed beyond the manager policy, unless {@code user} is an admin. */
    void requireRunnableBy(ProcessDefinition definition, CurrentUser user) {
        if (user != null && !user.hasRole(Roles.ADMIN) && drafts.policyExempt(definition.getDeploymentId())) {
            throw ApiException.forbidden("process '" + definition.getKey() + "' version " + definition.getVersion()
                    + " was deployed by an admin with steps the platform does not offer (scripts, classes or method"
                    + " calls): only admins may run it");
        }
    }

    static DeployedDefinition definition(ProcessDefinition d, String by, Instant at) {
        return new DeployedDefinition(d.getId(), d.getKey(), d.getName(), d.getVersion(), d.getDeploymentId(), by, at,
                d.getResourceName());
    }

    static DeployedDefinition definition(DecisionDefinition d, String by, Instant at) {
        return new DeployedDefinition(d.getId(), d.getKey(), d.getName(), d.getVersion(), d.getDeploymentId(), by, at,
                d.getResourceName());
    }
}
