package io.refinery.workflows.rows;

import java.util.Locale;
import java.util.Optional;

/** The formats collect can read. */
public enum SourceFormat {
    /** One JSON object per line ({@code .jsonl}, {@code .ndjson}). */
    JSONL,
    /** Comma-separated values with a header line ({@code .csv}); one record per physical line. */
    CSV;

    /** The format named by a file name's extension, if it is one we read. */
    public static Optional<SourceFormat> fromFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        }
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        return Optional.empty();
    }
}
