package io.refinery.designer.modeler;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.function.SerializableRunnable;

/**
 * The browser side of the decision editor: {@code <refinery-dmn-editor>} from {@code modeler/refinery-dmn-editor.js},
 * dmn-js 17 with Camunda's DMN extensions, opened on the first decision table. Must sit in a plain Div (STACK.md).
 */
@Tag("refinery-dmn-editor")
@NpmPackage(value = "dmn-js", version = "17.10.2")
@NpmPackage(value = "camunda-dmn-moddle", version = "1.3.1")
@JsModule("./modeler/refinery-dmn-editor.js")
class DmnEditor extends XmlEditor {

    /** Called after the user changed the decision. */
    void onChanged(SerializableRunnable listener) {
        getElement().addEventListener("dmn-changed", e -> listener.run());
    }
}
