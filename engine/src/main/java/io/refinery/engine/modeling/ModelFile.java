package io.refinery.engine.modeling;

/**
 * One BPMN or DMN file as read by {@link ProcessModels#read}: its name, its kind and its XML text, unchanged (unknown
 * extension elements and attributes of other tools are kept).
 */
public record ModelFile(String fileName, ModelKind kind, String xml) {

    /**
     * The BPMN model of this file by Camunda's model API, or empty when it is no BPMN or not schema-valid (the
     * engine's own parse then reports what is wrong, with its line).
     */
    java.util.Optional<org.camunda.bpm.model.bpmn.BpmnModelInstance> bpmnModel() {
        if (kind != ModelKind.BPMN) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(
                    new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
