package io.refinery.workflows.rows;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns one decoded, non-blank line into a row or a reason; one implementation per {@link SourceFormat}. */
interface LineParser {

    /** The outcome for a line: a row, a reason, or neither (the line was consumed, e.g. a CSV header). */
    record Parsed(ObjectNode row, QuarantineReason reason) {
        static final Parsed CONSUMED = new Parsed(null, null);

        static Parsed row(ObjectNode row) {
            return new Parsed(row, null);
        }

        static Parsed rejected(QuarantineReason reason) {
            return new Parsed(null, reason);
        }
    }

    Parsed parse(long line, String text);

    /** Told about a non-blank line rejected before parsing (bad bytes, too long). */
    default void rejectedBeforeParsing(long line, QuarantineReason reason) {
    }
}
