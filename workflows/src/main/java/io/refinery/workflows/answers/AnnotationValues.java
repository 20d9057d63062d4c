package io.refinery.workflows.answers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of an answer per task type, validated and normalized (multi-labels sorted, spans sorted), so that two
 * equal answers have equal JSON. Every rejection names the field. NER offsets are UTF-16 code units of the item
 * text, as Java strings and browser selections count them. The engine validates with {@link #validate} when an answer
 * is saved; QC counts final answers that are still {@link #valid} (a label set changed later, or an imported value,
 * can break them).
 */
public final class AnnotationValues {
    public static final String TEXT_CLASSIFICATION = "text-classification";
    public static final String TEXT_MULTILABEL = "text-multilabel";
    public static final String NER = "ner";
    public static final String INSTRUCTION = "instruction";
    public static final String IMAGE_CLASSIFICATION = "image-classification";
    public static final String IMAGE_BBOX = "image-bbox";
    /** Every task type, in the order forms offer them. */
    public static final List<String> TASK_TYPES = List.of(TEXT_CLASSIFICATION, TEXT_MULTILABEL, NER,
            IMAGE_CLASSIFICATION, IMAGE_BBOX, INSTRUCTION);
    /** A regular expression matching exactly the task types (for bean validation). */
    public static final String TASK_TYPE_PATTERN =
            "text-classification|text-multilabel|ner|image-classification|image-bbox|instruction";
    public static final int MAX_TEXT = 20_000;
    public static final int MAX_ENTRIES = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnnotationValues() {
    }

    /** Task types whose items are images. */
    public static boolean isImage(String taskType) {
        return IMAGE_CLASSIFICATION.equals(taskType) || IMAGE_BBOX.equals(taskType);
    }

    /** Task types whose answer is one label ({@code {"label": x}}). */
    public static boolean isClassification(String taskType) {
        return TEXT_CLASSIFICATION.equals(taskType) || IMAGE_CLASSIFICATION.equals(taskType);
    }

    /**
     * Whether {@code value} fits the task type's schema and the label set: the rules of {@link #validate}, as a
     * yes/no.
     */
    public static boolean valid(String taskType, Collection<String> labelSet, String itemText,
            JsonNode value) {
        try {
            validate(taskType, List.copyOf(labelSet), itemText, value);
            return true;
        } catch (AnswerException e) {
            return false;
        }
    }

    /**
     * Whether two answers are the same answer (a correct gold answer): boxes agree by {@link BoxAgreement#agree};
     * other types are equal once both are normalized by {@link #validate} (an answer that does not validate is
     * compared as it is).
     */
    public static boolean sameAnswer(String taskType, List<String> labelSet, String itemText, JsonNode a, JsonNode b) {
        if (IMAGE_BBOX.equals(taskType)) {
            return a != null && b != null && BoxAgreement.agree(a, b);
        }
        return Objects.equals(normalizedOrSelf(taskType, labelSet, itemText, a),
                normalizedOrSelf(taskType, labelSet, itemText, b));
    }

    /** Whether stored (normalized) answers of one item disagree: any two of them are not the same JSON. */
    public static boolean disagree(Collection<JsonNode> normalizedAnswers) {
        return normalizedAnswers.stream().distinct().count() > 1;
    }

    private static JsonNode normalizedOrSelf(String taskType, List<String> labelSet, String itemText, JsonNode v) {
        try {
            return v == null ? null : validate(taskType, labelSet, itemText, v);
        } catch (AnswerException e) {
            return v;
        }
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

    /** Checks {@code value} for the task type; returns the normalized value or throws an {@link AnswerException} naming the field. */
    public static JsonNode validate(String taskType, List<String> labelSet, String itemText, JsonNode value) {
        if (value == null || !value.isObject()) {
            throw new AnswerException("field 'value' must be a JSON object");
        }
        return switch (taskType) {
            case TEXT_CLASSIFICATION, IMAGE_CLASSIFICATION -> ofLabel(label(value, "label", labelSet));
            case TEXT_MULTILABEL -> multi(value, labelSet);
            case NER -> spans(value, labelSet, itemText == null ? 0 : itemText.length());
            case INSTRUCTION -> instruction(value);
            case IMAGE_BBOX -> boxes(value, labelSet);
            default -> throw new AnswerException("unknown task type '" + taskType + "'");
        };
    }

    private static String label(JsonNode node, String field, List<String> labelSet) {
        JsonNode l = node.get(field);
        if (l == null || !l.isTextual()) {
            throw new AnswerException("field '" + field + "' must be a label from " + labelSet);
        }
        if (!labelSet.contains(l.asText())) {
            throw new AnswerException("field '" + field + "': label '" + l.asText() + "' is not in the label set "
                    + labelSet);
        }
        return l.asText();
    }

    private static JsonNode multi(JsonNode value, List<String> labelSet) {
        JsonNode labels = value.get("labels");
        if (labels == null || !labels.isArray()) {
            throw new AnswerException("field 'labels' must be an array of labels from " + labelSet);
        }
        Set<String> sorted = new TreeSet<>(Comparator.comparingInt(labelSet::indexOf));
        for (int i = 0; i < labels.size(); i++) {
            JsonNode l = labels.get(i);
            if (!l.isTextual() || !labelSet.contains(l.asText())) {
                throw new AnswerException("field 'labels[" + i + "]': '" + l.asText() + "' is not in the label set "
                        + labelSet);
            }
            sorted.add(l.asText());
        }
        if (sorted.isEmpty()) {
            throw new AnswerException("field 'labels' needs at least one label");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode arr = out.putArray("labels");
        sorted.forEach(arr::add);
        return out;
    }

    private static JsonNode spans(JsonNode value, List<String> labelSet, int length) {
        JsonNode spans = value.get("spans");
        if (spans == null || !spans.isArray()) {
            throw new AnswerException("field 'spans' must be an array of {start, end, label}");
        }
        if (spans.size() > MAX_ENTRIES) {
            throw new AnswerException("field 'spans' has more than " + MAX_ENTRIES + " entries");
        }
        List<int[]> ranges = new ArrayList<>();
        List<ObjectNode> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spans.size(); i++) {
            JsonNode s = spans.get(i);
            String at = "spans[" + i + "]";
            if (!s.path("start").isInt() || !s.path("end").isInt()) {
                throw new AnswerException("field '" + at + ".start' and '" + at + ".end' must be integers");
            }
            int start = s.get("start").asInt();
            int end = s.get("end").asInt();
            if (start < 0 || end > length || start >= end) {
                throw new AnswerException("field '" + at + "': [" + start + ", " + end + ") is not a non-empty range"
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
                throw new AnswerException("field '" + field + "' must be text");
            }
            String text = f == null || f.isNull() ? "" : f.asText();
            if (text.length() > MAX_TEXT) {
                throw new AnswerException("field '" + field + "' is longer than " + MAX_TEXT + " characters");
            }
            if (!"input".equals(field) && text.isBlank()) {
                throw new AnswerException("field '" + field + "' must not be empty");
            }
            out.put(field, text);
        }
        return out;
    }

    private static JsonNode boxes(JsonNode value, List<String> labelSet) {
        JsonNode boxes = value.get("boxes");
        if (boxes == null || !boxes.isArray()) {
            throw new AnswerException("field 'boxes' must be an array of {x, y, w, h, label}");
        }
        if (boxes.size() > MAX_ENTRIES) {
            throw new AnswerException("field 'boxes' has more than " + MAX_ENTRIES + " entries");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode arr = out.putArray("boxes");
        for (int i = 0; i < boxes.size(); i++) {
            JsonNode b = boxes.get(i);
            ObjectNode box = arr.addObject();
            for (String f : List.of("x", "y", "w", "h")) {
                if (!b.path(f).isNumber() || b.get(f).asDouble() < 0 || ("w".equals(f) || "h".equals(f)) && b.get(f).asDouble() <= 0) {
                    throw new AnswerException("field 'boxes[" + i + "]." + f + "' must be a number ≥ 0 (w, h > 0)");
                }
                box.put(f, b.get(f).asDouble());
            }
            box.put("label", label(b, "label", labelSet));
        }
        return out;
    }
}
