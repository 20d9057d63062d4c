package io.refinery.designer.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** An answer of any task type as short plain-text parts (one per label, span or field), for side-by-side display. */
final class AnswerText {
    private AnswerText() {
    }

    static List<String> parts(JsonNode value, String itemText) {
        List<String> parts = new ArrayList<>();
        if (value == null) {
            return parts;
        }
        if (value.has("label")) {
            parts.add(value.get("label").asText());
        }
        value.path("labels").forEach(l -> parts.add(l.asText()));
        for (JsonNode s : value.path("spans")) {
            int start = s.path("start").asInt();
            int end = s.path("end").asInt();
            String covered = itemText != null && end <= itemText.length() && start < end ? itemText.substring(start, end) : "?";
            parts.add(s.path("label").asText() + ": " + covered + " [" + start + "–" + end + ")");
        }
        for (String field : List.of("instruction", "input", "output")) {
            if (value.has(field) && !value.get(field).asText().isEmpty()) {
                parts.add(field + ": " + value.get(field).asText());
            }
        }
        for (JsonNode b : value.path("boxes")) {
            parts.add(b.path("label").asText() + " @ " + b.path("x").asInt() + "," + b.path("y").asInt() + " "
                    + b.path("w").asInt() + "×" + b.path("h").asInt());
        }
        return parts;
    }
}
