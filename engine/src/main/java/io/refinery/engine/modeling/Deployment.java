package io.refinery.engine.modeling;

import java.util.List;

/**
 * One Camunda deployment made by {@link ProcessModels#deploy}: every file of it, as new definition versions, and
 * whether each process can build a dataset.
 */
public record Deployment(String deploymentId, List<DeployedDefinition> definitions, List<ContractReport> contract) {

    public Deployment(String deploymentId, List<DeployedDefinition> definitions) {
        this(deploymentId, definitions, List.of());
    }
}
