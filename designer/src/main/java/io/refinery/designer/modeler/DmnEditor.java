package io.refinery.designer.modeler;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.function.SerializableRunnable;

/**
 * The browser side of the decision editor: {@code <refinery-dmn-editor>} from {@code modeler/refinery-dmn-editor.js},
 * dmn-js 17 with Camunda's DMN extensions, opened on the first decision table. Must sit in a plain Div (STACK.md).
 */
@Tag("refinery-dmn-editor")
@NpmPackage(value = "dmn-js", version = "17.10.2")
@NpmPackage(value = "camunda-dmn-moddle", version = "1.3.1")
@JsModule("./modeler/refinery-dmn-editor.js")
class DmnEditor extends Component implements HasSize {
    private String openXml;
    private boolean readOnly;

    DmnEditor() {
        addAttachListener(this::reopen);
    }

    void open(String xml, boolean readOnly, SerializableRunnable onOpened, SerializableConsumer<String> onError) {
        this.openXml = xml;
        this.readOnly = readOnly;
        getElement().setAttribute("read-only", readOnly);
        getElement().callJsFunction("open", xml, readOnly).then(result -> onOpened.run(), onError);
    }

    boolean isReadOnly() {
        return readOnly;
    }

    void xml(SerializableConsumer<String> then, SerializableConsumer<String> onError) {
        getElement().callJsFunction("xml").then(String.class, then, onError);
    }

    void download(String fileName) {
        getElement().callJsFunction("download", fileName);
    }

    void onChanged(SerializableRunnable listener) {
        getElement().addEventListener("dmn-changed", e -> listener.run());
    }

    private void reopen(AttachEvent event) {
        if (!event.isInitialAttach() && openXml != null) {
            getElement().callJsFunction("open", openXml, readOnly);
        }
    }
}
