package io.refinery.designer.sources;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.server.streams.ElementRequestHandler;
import elemental.json.Json;
import elemental.json.JsonObject;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The browser side of {@link SourceUploadPanel}: {@code <refinery-source-upload>} from
 * {@code sources/refinery-source-upload.js}, the drop zone and the per-file progress. It posts the chunks to the
 * handler bound to its {@code target} attribute and reports each file's end as a DOM event.
 */
@Tag("refinery-source-upload")
@JsModule("./sources/refinery-source-upload.js")
class SourceUploadElement extends Component {

    void setTarget(ElementRequestHandler handler) {
        getElement().setAttribute("target", handler);
    }

    void setChunkSize(int bytes) {
        getElement().setAttribute("chunk-size", String.valueOf(bytes));
    }

    /** Tests only: every {@code n}-th chunk is cut in half and reported as failed (0: never). */
    void setFaultEvery(int n) {
        getElement().setAttribute("fault-every", String.valueOf(n));
    }

    /** Every word the element shows, by its key. */
    void setTexts(Map<String, String> texts) {
        JsonObject json = Json.createObject();
        texts.forEach(json::put);
        getElement().setPropertyJson("texts", json);
    }

    /** {@code listener} gets the file's key when a file is stored and its preview read. */
    void onDone(Consumer<String> listener) {
        getElement().addEventListener("source-done", e -> listener.accept(e.getEventData().getString("event.detail.key")))
                .addEventData("event.detail.key");
    }

    /** {@code listener} gets the file's key when the engine refused a file. */
    void onFailed(Consumer<String> listener) {
        getElement().addEventListener("source-failed", e -> listener.accept(e.getEventData().getString("event.detail.key")))
                .addEventData("event.detail.key");
    }
}
