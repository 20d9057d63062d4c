package io.refinery.designer.labeling.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refinery.workflows.answers.BoxAgreement;
import java.util.ArrayList;
import java.util.List;

/**
 * One bounding box in IMAGE PIXELS (whatever the zoom): {@code x}, {@code y} = top-left corner, {@code w}, {@code h}
 * = width and height, and its class ({@code null} or empty while the annotator has not picked one).
 *
 * <p>A list of boxes is stored by the engine as the annotation value
 * {@code {"boxes":[{"x":..,"y":..,"w":..,"h":..,"label":".."}]}} ({@link #toJson}, {@link #fromJson}).
 */
public record Box(double x, double y, double w, double h, String label) {
    /** The most boxes one annotation value may hold ({@link #fromJson} rejects more). */
    public static final int MAX_BOXES = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Box {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(w) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("box coordinates must be finite numbers");
        }
        if (w < 0 || h < 0) {
            throw new IllegalArgumentException("box width and height must not be negative: w=" + w + ", h=" + h);
        }
    }

    public double area() {
        return w * h;
    }

    /** The same box with another class. */
    public Box withLabel(String newLabel) {
        return new Box(x, y, w, h, newLabel);
    }

    /** Intersection over union with another box; 0 when both are empty ({@link BoxAgreement#iou}). */
    public double iou(Box other) {
        return BoxAgreement.iou(shared(), other.shared());
    }

    /** This box in the shared agreement rules' terms. */
    BoxAgreement.Box shared() {
        return new BoxAgreement.Box(x, y, w, h, label);
    }

    /** The annotation value {@code {"boxes":[...]}}; a box without class is written without {@code label}. */
    public static String toJson(List<Box> boxes) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("boxes");
        for (Box b : boxes) {
            ObjectNode node = array.addObject().put("x", b.x).put("y", b.y).put("w", b.w).put("h", b.h);
            if (b.label != null && !b.label.isEmpty()) {
                node.put("label", b.label);
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads an annotation value; {@code null} or blank gives no boxes. Rejects anything else that is not
     * {@code {"boxes":[{x,y,w,h[,label]}...]}}, saying which box is wrong.
     */
    public static List<Box> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode array = root == null ? null : root.get("boxes");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("expected {\"boxes\":[...]}");
        }
        if (array.size() > MAX_BOXES) {
            throw new IllegalArgumentException("too many boxes: " + array.size() + " > " + MAX_BOXES);
        }
        List<Box> boxes = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            try {
                JsonNode label = n.get("label");
                boxes.add(new Box(number(n, "x"), number(n, "y"), number(n, "w"), number(n, "h"),
                        label == null || label.isNull() ? null : label.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("box " + i + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(boxes);
    }

    private static double number(JsonNode box, String field) {
        JsonNode v = box.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number");
        }
        return v.asDouble();
    }
}
