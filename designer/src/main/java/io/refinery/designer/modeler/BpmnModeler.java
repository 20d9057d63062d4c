package io.refinery.designer.modeler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.function.SerializableRunnable;
import java.util.List;
import java.util.Map;

/**
 * The browser side of the process designer: {@code <refinery-bpmn-modeler>} from {@code modeler/refinery-bpmn-modeler.js},
 * bpmn-js with the Camunda 7 properties panel, the dataset step templates, bpmnlint and a minimap. Java keeps the
 * truth (texts, templates, the document last opened) and pushes it again on every attach; the diagram being edited
 * lives in the browser until {@link #xml} asks for it.
 */
@Tag("refinery-bpmn-modeler")
@NpmPackage(value = "bpmn-js", version = "18.31.1")
@NpmPackage(value = "bpmn-js-properties-panel", version = "5.65.3")
@NpmPackage(value = "@bpmn-io/properties-panel", version = "3.55.0")
@NpmPackage(value = "camunda-bpmn-moddle", version = "8.0.1")
@NpmPackage(value = "camunda-bpmn-js-behaviors", version = "1.18.0")
@NpmPackage(value = "bpmn-js-element-templates", version = "2.37.0")
@NpmPackage(value = "@bpmn-io/element-template-chooser", version = "3.0.0")
@NpmPackage(value = "bpmn-js-create-append-anything", version = "2.0.0")
@NpmPackage(value = "bpmnlint", version = "11.15.0")
@NpmPackage(value = "bpmn-js-bpmnlint", version = "0.24.0")
@NpmPackage(value = "diagram-js-minimap", version = "5.5.0")
@NpmPackage(value = "bpmn-js-i18n", version = "2.3.0")
@JsModule("./modeler/refinery-bpmn-modeler.js")
class BpmnModeler extends XmlEditor {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One bpmnlint finding: on which element, by which rule, {@code error} or {@code warn}, in the user's language. */
    record LintIssue(String elementId, String rule, String category, String message) {
    }

    private String textsJson = "{}";
    private String templatesJson = "[]";

    /**
     * The user's language ({@code zh} or {@code en}: bpmn-js' palette, menus and properties panel follow it), the labels
     * of the dataset steps (template id → label) and the lint texts (rule → message).
     */
    void setTexts(String language, Map<String, String> steps, Map<String, String> lint) {
        textsJson = write(Map.of("language", language, "steps", steps, "lint", lint));
        getElement().callJsFunction("setTexts", textsJson);
    }

    private String countsJson = "[]";

    /**
     * Badges under the elements of a deployed version: runs there now, finished there, open incidents; each map has
     * {@code elementId}, {@code running}, {@code finished}, {@code incidents} and a {@code title} in the user's language;
     * {@code legend} names the three colours ({@code running}, {@code finished}, {@code incidents}).
     */
    void showCounts(Map<String, String> legend, List<Map<String, Object>> counts) {
        countsJson = write(counts);
        getElement().callJsFunction("showCounts", write(Map.of("legend", legend, "counts", counts)));
    }

    /** Opening a diagram clears its badges in the browser; a deployed version's come with {@link #showCounts}. */
    @Override
    void open(String xml, boolean readOnly, SerializableRunnable onOpened, SerializableConsumer<String> onError) {
        countsJson = "[]";
        super.open(xml, readOnly, onOpened, onError);
    }

        /** What {@link #showCounts} sent last, as JSON (for tests). */
    String counts() {
        return countsJson;
    }

        /** What {@link #setTexts} sent last, as JSON (for tests). */
    String texts() {
        return textsJson;
    }

        /** The Camunda 7 element templates, as the JSON array the server serves. */
    void setTemplates(String json) {
        templatesJson = json == null || json.isBlank() ? "[]" : json;
        getElement().callJsFunction("setTemplates", templatesJson);
    }

    void undo() {
        getElement().callJsFunction("undo");
    }

    void redo() {
        getElement().callJsFunction("redo");
    }

    void zoomIn() {
        getElement().callJsFunction("zoomIn");
    }

    void zoomOut() {
        getElement().callJsFunction("zoomOut");
    }

    void fit() {
        getElement().callJsFunction("fit");
    }

    void selectElement(String elementId) {
        getElement().callJsFunction("selectElement", elementId);
    }

    /** The engine's findings as overlays on their elements ({@code elementId}, {@code message}). */
    void showServerProblems(List<Map<String, String>> problems) {
        getElement().callJsFunction("showServerProblems", write(problems));
    }

    /** Called with all lint issues after every lint (each change of the diagram lints it again). */
    void onLintChanged(SerializableConsumer<List<LintIssue>> listener) {
        getElement().addEventListener("lint-changed", e -> listener.accept(parseIssues(
                e.getEventData().getString("event.detail.json")))).addEventData("event.detail.json");
    }

    /** Called when the user changed the diagram. */
    void onDiagramChanged(SerializableRunnable listener) {
        getElement().addEventListener("diagram-changed", e -> listener.run());
    }

    static List<LintIssue> parseIssues(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<LintIssue>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("lint issues from the browser: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    void pushSettings() {
        getElement().callJsFunction("setTexts", textsJson);
        getElement().callJsFunction("setTemplates", templatesJson);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
