package io.refinery.engine.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refinery.engine.system.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of an answer per task type, validated and normalized (multi-labels sorted, spans sorted), so that two
 * equal answers have equal JSON. Every rejection names the field. NER offsets are UTF-16 code units of the item
 * text, as Java strings and browser selections count them.
 */
public final class AnnotationValues {
    public static final String TEXT_CLASSIFICATION = "text-classification";
    public static final String TEXT_MULTILABEL = "text-multilabel";
    public static final String NER = "ner";
    public static final String INSTRUCTION = "instruction";
    public static final String IMAGE_CLASSIFICATION = "image-classification";
    public static final String IMAGE_BBOX = "image-bbox";
    static final int MAX_TEXT = 20_000;
    static final int MAX_ENTRIES = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnnotationValues() {
    }

    /** {@code {"label": x}}, the legacy single-label answer. */
    public static ObjectNode ofLabel(String label) {
        return JSON.createObjectNode().put("label", label);
    }

    /** The single label an answer stands for (classification types), else null. */
    public static String labelOf(String taskType, JsonNode value) {
        if (value == null) {
            return null;
        }
        return switch (taskType) {
            case TEXT_CLASSIFICATION, IMAGE_CLASSIFICATION -> value.path("label").asText(null);
            default -> null;
        };
    }

    public static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("stored value is not JSON: " + json, e);
        }
    }

    /** Checks {@code value} for the task type; returns the normalized value or throws a 400 naming the field. */
    public static JsonNode validate(String taskType, List<String> labelSet, String itemText, JsonNode value) {
        if (value == null || !value.isObject()) {
            throw ApiException.badRequest("field 'value' must be a JSON object");
        }
        return switch (taskType) {
            case TEXT_CLASSIFICATION, IMAGE_CLASSIFICATION -> ofLabel(label(value, "label", labelSet));
            case TEXT_MULTILABEL -> multi(value, labelSet);
            case NER -> spans(value, labelSet, itemText == null ? 0 : itemText.length());
            case INSTRUCTION -> instruction(value);
            case IMAGE_BBOX -> boxes(value, labelSet);
            default -> throw ApiException.badRequest("unknown task type '" + taskType + "'");
        };
    }

    private static String label(JsonNode node, String field, List<String> labelSet) {
        JsonNode l = node.get(field);
        if (l == null || !l.isTextual()) {
            throw ApiException.badRequest("field '" + field + "' must be a label from " + labelSet);
        }
        if (!labelSet.contains(l.asText())) {
            throw ApiException.badRequest("field '" + field + "': label '" + l.asText() + "' is not in the label set "
                    + labelSet);
        }
        return l.asText();
    }

    private static JsonNode multi(JsonNode value, List<String> labelSet) {
        JsonNode labels = value.get("labels");
        if (labels == null || !labels.isArray()) {
            throw ApiException.badRequest("field 'labels' must be an array of labels from " + labelSet);
        }
        Set<String> sorted = new TreeSet<>(Comparator.comparingInt(labelSet::indexOf));
        for (int i = 0; i < labels.size(); i++) {
            JsonNode l = labels.get(i);
            if (!l.isTextual() || !labelSet.contains(l.asText())) {
                throw ApiException.badRequest("field 'labels[" + i + "]': '" + l.asText() + "' is not in the label set "
                        + labelSet);
            }
            sorted.add(l.asText());
        }
        if (sorted.isEmpty()) {
            throw ApiException.badRequest("field 'labels' needs at least one label");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode arr = out.putArray("labels");
        sorted.forEach(arr::add);
        return out;
    }

    private static JsonNode spans(JsonNode value, List<String> labelSet, int length) {
        JsonNode spans = value.get("spans");
        if (spans == null || !spans.isArray()) {
            throw ApiException.badRequest("field 'spans' must be an array of {start, end, label}");
        }
        if (spans.size() > MAX_ENTRIES) {
            throw ApiException.badRequest("field 'spans' has more than " + MAX_ENTRIES + " entries");
        }
        List<int[]> ranges = new ArrayList<>();
        List<ObjectNode> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spans.size(); i++) {
            JsonNode s = spans.get(i);
            String at = "spans[" + i + "]";
            if (!s.path("start").isInt() || !s.path("end").isInt()) {
                throw ApiException.badRequest("field '" + at + ".start' and '" + at + ".end' must be integers");
            }
            int start = s.get("start").asInt();
            int end = s.get("end").asInt();
            if (start < 0 || end > length || start >= end) {
                throw ApiException.badRequest("field '" + at + "': [" + start + ", " + end + ") is not a non-empty range"
                        + " within the text (0.." + length + " UTF-16 code units)");
            }
            String label = label(s, "label", labelSet);
            if (seen.add(start + ":" + end + ":" + label)) {
                ranges.add(new int[] {start, end});
                out.add(JSON.createObjectNode().put("start", start).put("end", end).put("label", label));
            }
        }
        out.sort(Comparator.<ObjectNode>comparingInt(n -> n.get("start").asInt()).thenComparingInt(n -> n.get("end").asInt())
                .thenComparing(n -> n.get("label").asText()));
        ObjectNode result = JSON.createObjectNode();
        out.forEach(result.putArray("spans")::add);
        return result;
    }

    private static JsonNode instruction(JsonNode value) {
        ObjectNode out = JSON.createObjectNode();
        for (String field : List.of("instruction", "input", "output")) {
            JsonNode f = value.get(field);
            if (f != null && !f.isNull() && !f.isTextual()) {
                throw ApiException.badRequest("field '" + field + "' must be text");
            }
            String text = f == null || f.isNull() ? "" : f.asText();
            if (text.length() > MAX_TEXT) {
                throw ApiException.badRequest("field '" + field + "' is longer than " + MAX_TEXT + " characters");
            }
            if (!"input".equals(field) && text.isBlank()) {
                throw ApiException.badRequest("field '" + field + "' must not be empty");
            }
            out.put(field, text);
        }
        return out;
    }

    private static JsonNode boxes(JsonNode value, List<String> labelSet) {
        JsonNode boxes = value.get("boxes");
        if (boxes == null || !boxes.isArray()) {
            throw ApiException.badRequest("field 'boxes' must be an array of {x, y, w, h, label}");
        }
        if (boxes.size() > MAX_ENTRIES) {
            throw ApiException.badRequest("field 'boxes' has more than " + MAX_ENTRIES + " entries");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode arr = out.putArray("boxes");
        for (int i = 0; i < boxes.size(); i++) {
            JsonNode b = boxes.get(i);
            ObjectNode box = arr.addObject();
            for (String f : List.of("x", "y", "w", "h")) {
                if (!b.path(f).isNumber() || b.get(f).asDouble() < 0 || ("w".equals(f) || "h".equals(f)) && b.get(f).asDouble() <= 0) {
                    throw ApiException.badRequest("field 'boxes[" + i + "]." + f + "' must be a number ≥ 0 (w, h > 0)");
                }
                box.put(f, b.get(f).asDouble());
            }
            box.put("label", label(b, "label", labelSet));
        }
        return out;
    }
}
