package io.refinery.designer.modeler;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.server.streams.UploadEvent;
import io.refinery.engine.modeling.ModelFile;
import io.refinery.engine.modeling.ModelRejected;
import io.refinery.engine.modeling.ProcessModels;
import java.io.IOException;
import java.io.InputStream;

/**
 * Import of a {@code .bpmn} or {@code .dmn} file: the upload streams into the engine's safe reader
 * ({@link ProcessModels#read}: size, DOCTYPE/entities, depth, well-formedness, BPMN or DMN); a rejection is shown
 * translated by its code, with the engine's detail (file, line, column).
 */
class ModelImport extends Upload {
    private final transient ProcessModels models;
    private final SerializableConsumer<ModelFile> onRead;
    private final Button button = new Button(VaadinIcon.FOLDER_OPEN_O.create());

    ModelImport(ProcessModels models, SerializableConsumer<ModelFile> onRead) {
        this.models = models;
        this.onRead = onRead;
        setId("import");
        setUploadHandler(this::receive);
        setAcceptedFileTypes(".bpmn", ".dmn", ".xml", "application/xml", "text/xml");
        setMaxFiles(1);
        setDropAllowed(false);
        setUploadButton(button);
        button.setId("import-button");
        getStyle().set("padding", "0").set("border", "none").set("min-width", "0");
        getElement().setAttribute("nodrop", true);
        getElement().executeJs("this.addEventListener('upload-success', () => setTimeout(() => this.files = [], 0))");
    }

    private void receive(UploadEvent event) throws IOException {
        UI ui = event.getUI();
        String fileName = event.getFileName();
        ModelFile file;
        try (InputStream in = event.getInputStream()) {
            file = models.read(fileName, in);
        } catch (ModelRejected e) {
            ui.access(() -> showRejected(this, e));
            return;
        }
        ui.access(() -> onRead.accept(file));
    }

    /** Reads the file as the upload would (for tests and other callers that already have the bytes). */
    void read(String fileName, InputStream in) {
        try {
            onRead.accept(models.read(fileName, in));
        } catch (ModelRejected e) {
            showRejected(this, e);
        }
    }

    void localize() {
        button.setText(getTranslation("modeler.import"));
    }

    static void showRejected(Component where, ModelRejected e) {
        Notification n = new Notification(where.getTranslation("modeler.error.rejected", reason(where, e),
                e.getMessage()), 12000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.setId("import-rejected");
        n.open();
    }

    /** The rejection's reason in the user's language, by its stable code. */
    static String reason(Component where, ModelRejected e) {
        String key = "modeler.rejected." + (e.code() == null ? "unknown" : e.code());
        String text = where.getTranslation(key);
        return text.startsWith("!") ? where.getTranslation("modeler.rejected.unknown") : text;
    }
}
