package io.refinery.workers.quality.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Whether a final answer fits its task type's schema and the label set (the same rules the engine applies when an
 * answer is saved; a label set changed later, or an imported value, can still break them).
 */
public final class AnswerValidity {

    private AnswerValidity() {
    }

    public static boolean valid(String taskType, Set<String> labels, String text, JsonNode value) {
        if (value == null || !value.isObject()) {
            return false;
        }
        return switch (taskType) {
            case "text-classification", "image-classification" -> labels.contains(value.path("label").asText(null));
            case "text-multilabel" -> value.path("labels").isArray() && !value.path("labels").isEmpty()
                    && allMatch(value.path("labels"), l -> l.isTextual() && labels.contains(l.asText()));
            case "ner" -> value.path("spans").isArray() && allMatch(value.path("spans"), s -> s.path("start").isInt()
                    && s.path("end").isInt() && s.get("start").asInt() >= 0 && s.get("start").asInt() < s.get("end").asInt()
                    && s.get("end").asInt() <= (text == null ? 0 : text.length())
                    && labels.contains(s.path("label").asText(null)));
            case "image-bbox" -> value.path("boxes").isArray() && allMatch(value.path("boxes"), b -> b.path("x").isNumber()
                    && b.path("y").isNumber() && b.path("w").isNumber() && b.path("h").isNumber()
                    && b.get("x").asDouble() >= 0 && b.get("y").asDouble() >= 0 && b.get("w").asDouble() > 0
                    && b.get("h").asDouble() > 0 && labels.contains(b.path("label").asText(null)));
            case "instruction" -> !value.path("instruction").asText("").isBlank() && !value.path("output").asText("").isBlank();
            default -> false;
        };
    }

    private static boolean allMatch(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode n : array) {
            if (!test.test(n)) {
                return false;
            }
        }
        return true;
    }
}
