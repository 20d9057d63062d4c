package io.refinery.designer.modeler;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.function.SerializableRunnable;

/**
 * What the BPMN and the DMN editor elements have in common: {@code open(xml, readOnly)}, {@code xml()} and
 * {@code download(fileName)} in the browser. Java keeps the document last opened and opens it again when the element
 * is attached anew (after the first attach the queued calls run anyway).
 */
abstract class XmlEditor extends Component implements HasSize {
    private String openXml;
    private boolean readOnly;

    XmlEditor() {
        addAttachListener(this::reattached);
    }

    /** Shows the document, editable or read-only; {@code onError} gets the browser's import error. */
    void open(String xml, boolean readOnly, SerializableRunnable onOpened, SerializableConsumer<String> onError) {
        this.openXml = xml;
        this.readOnly = readOnly;
        getElement().setAttribute("read-only", readOnly);
        getElement().callJsFunction("open", xml, readOnly).then(result -> onOpened.run(), onError);
    }

    boolean isReadOnly() {
        return readOnly;
    }

    /** Asks the browser for the document as it is now (formatted XML). */
    void xml(SerializableConsumer<String> then, SerializableConsumer<String> onError) {
        getElement().callJsFunction("xml").then(String.class, then, onError);
    }

    /** The browser saves the document as a file. */
    void download(String fileName) {
        getElement().callJsFunction("download", fileName);
    }

    /** Pushes what the element needs before a document opens again (texts, templates); nothing by default. */
    void pushSettings() {
    }

    private void reattached(AttachEvent event) {
        if (event.isInitialAttach()) {
            return;
        }
        pushSettings();
        if (openXml != null) {
            getElement().callJsFunction("open", openXml, readOnly);
        }
    }
}
