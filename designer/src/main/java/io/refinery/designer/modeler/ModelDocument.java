package io.refinery.designer.modeler;

import com.vaadin.flow.component.Component;
import io.refinery.engine.modeling.DeployedDefinition;
import io.refinery.engine.modeling.ModelKind;

/**
 * What an editor has open: a name to show and to save under, the draft it came from (saving again overwrites it),
 * the deployed definition it came from, and whether it is read-only (an older version).
 */
record ModelDocument(String name, String draftId, DeployedDefinition definition, boolean readOnly) {
    static final ModelDocument NONE = new ModelDocument(null, null, null, false);

    static ModelDocument named(String name) {
        return new ModelDocument(name, null, null, false);
    }

    /** A file name for the engine and for Export: the name without odd characters, with the kind's extension. */
    String fileName(ModelKind kind) {
        String base = name == null || name.isBlank() ? (kind == ModelKind.DMN ? "decision" : "process") : name;
        return base.replaceAll("[^\\p{L}\\p{N}._-]+", "-") + kind.extension();
    }

    /** The name to save a draft under. */
    String draftName(ModelKind kind) {
        return name == null || name.isBlank() ? (kind == ModelKind.DMN ? "decision" : "process") : name;
    }

    /** "Draft · x", "Deployed · key v3" or the name, in the user's language. */
    String label(Component i18n) {
        if (name == null) {
            return "";
        }
        if (draftId != null) {
            return i18n.getTranslation("modeler.document.draft", name);
        }
        return definition != null ? i18n.getTranslation("modeler.document.version", name) : name;
    }
}
