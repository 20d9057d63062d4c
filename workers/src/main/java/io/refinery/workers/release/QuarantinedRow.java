package io.refinery.workers.release;

/** One line of {@code quarantine.jsonl}: where a rejected row came from, why, and its (truncated) raw text. */
public record QuarantinedRow(String source, long line, String reason, String raw) {
}
