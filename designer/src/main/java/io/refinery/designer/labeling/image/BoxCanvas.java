package io.refinery.designer.labeling.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.server.AbstractStreamResource;
import java.util.List;
import java.util.function.Consumer;

/**
 * The browser side of the image components: {@code <refinery-box-canvas>} from {@code refinery-box-canvas.js}, an
 * image with rectangles over Annotorious 3. Java keeps the truth (labels, boxes, current class) and pushes all of it
 * again on every attach, so the canvas survives being detached and re-attached.
 */
@Tag("refinery-box-canvas")
@NpmPackage(value = "@annotorious/annotorious", version = "3.8.10")
@JsModule("./refinery-box-canvas.js")
class BoxCanvas extends Component {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A box as the canvas draws it: with an optional colour (overrides the class colour) and caption; its tag (class
     * and caption) above the box, or below it so that two boxes at the same place show both tags.
     */
    record Shown(Box box, String color, String caption, boolean tagBelow) {
        Shown(Box box, String color, String caption) {
            this(box, color, caption, false);
        }
    }

    private String labelsJson = "[]";
    private String boxesJson = "{\"boxes\":[]}";
    private String currentLabel;
    private double zoom = 1;
    private String selectedLabel;

    BoxCanvas() {
        addAttachListener(this::pushAll);
    }

    void setSrc(String url) {
        getElement().setAttribute("src", url);
    }

    @SuppressWarnings("removal")
    void setSrc(AbstractStreamResource resource) {
        getElement().setAttribute("src", resource);
    }

    void setReadOnlyMode(boolean readOnly) {
        getElement().setAttribute("read-only", readOnly);
    }

    void setLabels(List<String> labels) {
        labelsJson = write(JSON.valueToTree(labels));
        getElement().callJsFunction("setLabels", labelsJson);
    }

    void setBoxes(List<Shown> boxes) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("boxes");
        for (Shown s : boxes) {
            Box b = s.box();
            ObjectNode n = array.addObject().put("x", b.x()).put("y", b.y()).put("w", b.w()).put("h", b.h());
            if (b.label() != null && !b.label().isEmpty()) {
                n.put("label", b.label());
            }
            if (s.color() != null) {
                n.put("color", s.color());
            }
            if (s.caption() != null) {
                n.put("caption", s.caption());
            }
            if (s.tagBelow()) {
                n.put("tag", "below");
            }
        }
        boxesJson = write(root);
        getElement().callJsFunction("setBoxes", boxesJson);
    }

    void setCurrentLabel(String label) {
        currentLabel = label;
        getElement().callJsFunction("setCurrentLabel", label == null ? "" : label);
    }

    String getCurrentLabel() {
        return currentLabel;
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

    void setZoom(double value) {
        getElement().callJsFunction("setZoom", value);
    }

    /** The zoom the browser last reported (1 = image pixels are screen pixels). */
    double getZoom() {
        return zoom;
    }

    /** Class of the selected box as the browser last reported ({@code ""} = no class), {@code null} = none. */
    String getSelectedLabel() {
        return selectedLabel;
    }

    /** Called with the annotation value JSON after every change the user makes. */
    void onBoxesChanged(Consumer<String> listener) {
        getElement().addEventListener("boxes-changed", e -> listener.accept(e.getEventData().getString("event.detail.json")))
                .addEventData("event.detail.json");
    }

    /** Called after zoom, selection or current class changed in the browser. */
    void onStateChanged(Runnable listener) {
        getElement().addEventListener("state-changed", e -> {
            var data = e.getEventData();
            zoom = data.hasKey("event.detail.zoom") ? data.getNumber("event.detail.zoom") : zoom;
            selectedLabel = data.hasKey("event.detail.selected") && data.get("event.detail.selected").getType()
                    == elemental.json.JsonType.STRING ? data.getString("event.detail.selected") : null;
            if (data.hasKey("event.detail.current") && data.get("event.detail.current").getType()
                    == elemental.json.JsonType.STRING) {
                currentLabel = data.getString("event.detail.current");
            }
            listener.run();
        }).addEventData("event.detail.zoom").addEventData("event.detail.selected").addEventData("event.detail.current");
    }

    private void pushAll(AttachEvent event) {
        getElement().callJsFunction("setLabels", labelsJson);
        getElement().callJsFunction("setBoxes", boxesJson);
        if (currentLabel != null) {
            getElement().callJsFunction("setCurrentLabel", currentLabel);
        }
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
