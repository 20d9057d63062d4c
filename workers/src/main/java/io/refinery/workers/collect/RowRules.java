package io.refinery.workers.collect;

import java.util.List;

/**
 * What a row must look like to be accepted.
 *
 * @param requiredFields fields every row must have (absent or JSON null = missing)
 * @param textField      the field holding the text: must be a non-blank string of at most {@code maxTextChars}
 *                       code points; it is required even when not listed in {@code requiredFields}
 * @param maxTextChars   the longest accepted text, in Unicode code points
 * @param maxLineBytes   the longest accepted physical line, in bytes (without its line end)
 */
public record RowRules(List<String> requiredFields, String textField, int maxTextChars, int maxLineBytes) {

    public static final int DEFAULT_MAX_TEXT_CHARS = 2000;
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    public RowRules {
        requiredFields = List.copyOf(requiredFields);
        if (textField == null || textField.isBlank()) {
            throw new IllegalArgumentException("textField must be named");
        }
        if (maxTextChars < 1 || maxLineBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Required {@code id} and {@code text}, text at most 2,000 chars, lines at most 64 KiB. */
    public static RowRules defaults() {
        return new RowRules(List.of("id", "text"), "text", DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_LINE_BYTES);
    }
}
