package io.refinery.engine.modeling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The {@link DatasetContract} of each process in a set of files, with the QC decision's inputs taken from the
 * files when one of them defines it, else from the latest deployed decision of that key.
 */
@Component
class ContractCheck {
    private final RepositoryService repository;

    ContractCheck(ProcessEngine engine) {
        this.repository = engine.getRepositoryService();
    }

    /** One report per process of the files, its problems named by file. */
    List<ContractReport> check(List<ModelFile> files) {
        Map<String, Set<String>> inFiles = new HashMap<>();
        files.stream().filter(f -> f.kind() == ModelKind.DMN).forEach(f -> inFiles.putAll(DatasetContract.decisionInputs(f)));
        DatasetContract.Decisions decisions = key -> inFiles.containsKey(key) ? Optional.of(inFiles.get(key))
                : deployedDecisionInputs(key);
        List<ContractReport> reports = new ArrayList<>();
        for (ModelFile file : files) {
            for (ContractReport r : DatasetContract.check(file, decisions)) {
                reports.add(new ContractReport(r.processKey(), r.datasetProcess(), r.steps(),
                        r.problems().stream().map(p -> p.inFile(file.fileName())).toList()));
            }
        }
        return reports;
    }

    private Optional<Set<String>> deployedDecisionInputs(String key) {
        DecisionDefinition decision = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .latestVersion().singleResult();
        if (decision == null) {
            return Optional.empty();
        }
        try (InputStream in = repository.getDecisionModel(decision.getId())) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Set<String> inputs = DatasetContract.decisionInputs(new ModelFile(decision.getResourceName(), ModelKind.DMN,
                    xml)).get(key);
            return Optional.of(inputs == null ? Set.of() : inputs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
