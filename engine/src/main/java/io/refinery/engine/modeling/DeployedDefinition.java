package io.refinery.engine.modeling;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One deployed, versioned process or decision definition.
 *
 * @param definitionId Camunda's id of the definition (process or decision definition)
 * @param deployedBy   who deployed it from the designer; null for definitions deployed at start-up from the classpath
 * @param resourceName the file name inside the deployment
 */
public record DeployedDefinition(String definitionId, String key, String name, int version, String deploymentId,
                                 String deployedBy, java.time.Instant deployedAt, String resourceName) {

    /** BPMN for a process definition, DMN for a decision definition (added member; in the JSON as {@code kind}). */
    @JsonProperty("kind")
    public ModelKind kind() {
        return resourceName != null && (resourceName.endsWith(".dmn") || resourceName.endsWith(".dmn11.xml"))
                ? ModelKind.DMN : ModelKind.BPMN;
    }

    static int latestFirst(DeployedDefinition a, DeployedDefinition b) {
        Instant at = a.deployedAt() == null ? Instant.EPOCH : a.deployedAt();
        Instant bt = b.deployedAt() == null ? Instant.EPOCH : b.deployedAt();
        int byTime = bt.compareTo(at);
        if (byTime != 0) {
            return byTime;
        }
        int byKey = a.key().compareTo(b.key());
        return byKey != 0 ? byKey : Integer.compare(b.version(), a.version());
    }
}
