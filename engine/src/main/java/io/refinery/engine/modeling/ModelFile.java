package io.refinery.engine.modeling;

/**
 * One BPMN or DMN file as read by {@link ProcessModels#read}: its name, its kind and its XML text, unchanged (unknown
 * extension elements and attributes of other tools are kept).
 */
public record ModelFile(String fileName, ModelKind kind, String xml) {
}
