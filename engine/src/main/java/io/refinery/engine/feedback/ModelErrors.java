package io.refinery.engine.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the entries of a feedback post: {@code {"itemId": 12}} or {@code {"text": "..", "fields": {..}}}, with
 * {@code predicted}, {@code expected} and an optional {@code note}. Every entry is checked; any problem refuses the
 * whole post (all or nothing) with each bad entry named by index and field.
 */
final class ModelErrors {
    static final int MAX_ENTRIES = 1000;
    static final int MAX_TEXT = 100_000;
    static final int MAX_LABEL = 100;
    static final int MAX_NOTE = 1000;

    /** One checked entry; {@code text} is the item's text when the entry named an item. */
    record ModelError(Long itemId, String text, String fieldsJson, String predicted, String expected, String note) {
    }

    /** The item ids of the dataset's releases, and their text. */
    interface Items {
        String textOf(long itemId);
    }

    private ModelErrors() {
    }

    /**
     * @param labels the dataset's label set; empty = any label is accepted (task types without a class)
     */
    static List<ModelError> read(JsonNode body, Items items, Set<String> labels) {
        JsonNode entries = body != null && body.isObject() ? body.get("errors") : body;
        List<FeedbackRejected.Problem> problems = new ArrayList<>();
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            problems.add(new FeedbackRejected.Problem(0, "errors", "send {\"errors\":[...]} with at least one entry"));
            throw new FeedbackRejected(problems);
        }
        if (entries.size() > MAX_ENTRIES) {
            problems.add(new FeedbackRejected.Problem(MAX_ENTRIES, "errors", "at most " + MAX_ENTRIES + " entries per post"));
            throw new FeedbackRejected(problems);
        }
        List<ModelError> errors = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            int before = problems.size();
            if (!e.isObject()) {
                problems.add(new FeedbackRejected.Problem(i, "", "must be an object"));
                continue;
            }
            Long itemId = null;
            String text = null;
            JsonNode id = e.get("itemId");
            if (id != null && !id.isNull()) {
                if (!id.canConvertToLong() || !id.isIntegralNumber()) {
                    problems.add(new FeedbackRejected.Problem(i, "itemId", "must be an integer item id"));
                } else {
                    itemId = id.asLong();
                    text = items.textOf(itemId);
                    if (text == null) {
                        problems.add(new FeedbackRejected.Problem(i, "itemId", "item " + itemId
                                + " is not an item of a released version of this dataset"));
                    }
                }
            } else {
                text = string(e, "text", MAX_TEXT, i, problems, false);
                if (text == null && problems.size() == before) {
                    problems.add(new FeedbackRejected.Problem(i, "itemId", "give the itemId of a released item, or the"
                            + " raw item as text (and optional fields)"));
                }
            }
            JsonNode fields = e.get("fields");
            if (fields != null && !fields.isNull() && !fields.isObject()) {
                problems.add(new FeedbackRejected.Problem(i, "fields", "must be an object of the raw item's fields"));
            }
            String predicted = string(e, "predicted", MAX_LABEL, i, problems, true);
            String expected = string(e, "expected", MAX_LABEL, i, problems, true);
            String note = string(e, "note", MAX_NOTE, i, problems, false);
            if (expected != null && !labels.isEmpty() && !labels.contains(expected)) {
                problems.add(new FeedbackRejected.Problem(i, "expected", "'" + expected + "' is not a class of the"
                        + " dataset " + labels));
            }
            if (expected != null && expected.equals(predicted)) {
                problems.add(new FeedbackRejected.Problem(i, "expected", "equals predicted: not a model error"));
            }
            if (problems.size() == before) {
                errors.add(new ModelError(itemId, text, fields == null || fields.isNull() ? null : fields.toString(),
                        predicted, expected, note));
            }
        }
        if (!problems.isEmpty()) {
            throw new FeedbackRejected(problems);
        }
        return errors;
    }

    private static String string(JsonNode e, String field, int max, int i, List<FeedbackRejected.Problem> problems,
                                 boolean required) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                problems.add(new FeedbackRejected.Problem(i, field, "required"));
            }
            return null;
        }
        if (!v.isTextual()) {
            problems.add(new FeedbackRejected.Problem(i, field, "must be a string"));
            return null;
        }
        String text = v.asText().strip();
        if (text.length() > max) {
            problems.add(new FeedbackRejected.Problem(i, field, "longer than " + max + " characters"));
            return null;
        }
        return text;
    }
}
