package io.refinery.workers.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of {@code data.jsonl}. {@code meta} is any JSON (e.g. the other source columns), may be null.
 * {@code label} is the class of classification items; {@code annotation} the full final answer of the other task
 * types (boxes, spans, multi-labels, instruction pairs) and absent for classification.
 */
public record ReleasedItem(String id, String text, String label, String source, long line, JsonNode meta,
                           @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode annotation) {

    public ReleasedItem(String id, String text, String label, String source, long line, JsonNode meta) {
        this(id, text, label, source, line, meta, null);
    }
}
