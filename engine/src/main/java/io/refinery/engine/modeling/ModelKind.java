package io.refinery.engine.modeling;

/** What a model file is, decided by its root element (not its file name). */
public enum ModelKind {
    BPMN(".bpmn"),
    DMN(".dmn");

    private final String extension;

    ModelKind(String extension) {
        this.extension = extension;
    }

    /** The file name extension Camunda deploys this kind by, with its dot. */
    public String extension() {
        return extension;
    }
}
