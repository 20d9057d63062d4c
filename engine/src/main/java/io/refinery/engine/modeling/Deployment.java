package io.refinery.engine.modeling;

import java.util.List;

/** One Camunda deployment made by {@link ProcessModels#deploy}: every file of it, as new definition versions. */
public record Deployment(String deploymentId, List<DeployedDefinition> definitions) {
}
