package io.refinery.workflows.rows;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives the rows of one source, one at a time, in source order. */
public interface RowSink {

    /** A row that passed every check. {@code line} is the 1-based physical line in {@code source}. */
    void accepted(String source, long line, ObjectNode row);

    /**
     * A row that was rejected.
     *
     * @param reason a readable reason, e.g. {@code missing field "text"}
     * @param raw    the line decoded with replacement characters for invalid bytes, at most 1,000 chars
     */
    void quarantined(String source, long line, String reason, String raw);
}
