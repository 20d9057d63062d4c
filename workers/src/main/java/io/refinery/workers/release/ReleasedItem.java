package io.refinery.workers.release;

import com.fasterxml.jackson.databind.JsonNode;

/** One line of {@code data.jsonl}. {@code meta} is any JSON (e.g. the other source columns), may be null. */
public record ReleasedItem(String id, String text, String label, String source, long line, JsonNode meta) {
}
