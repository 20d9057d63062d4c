package io.refinery.workflows.rows;

import java.util.List;
import java.util.Set;

/**
 * What a row must look like to be accepted.
 *
 * @param requiredFields fields every row must have (absent or JSON null = missing)
 * @param textField      the field holding the text: must be a non-blank string of at most {@code maxTextChars}
 *                       code points; it is required even when not listed in {@code requiredFields}
 * @param maxTextChars   the longest accepted text, in Unicode code points
 * @param maxLineBytes   the longest accepted physical line, in bytes (without its line end)
 * @param images         for image rows: the image files the text field may name (the version's uploaded images);
 *                       null for text rows
 */
public record RowRules(List<String> requiredFields, String textField, int maxTextChars, int maxLineBytes,
                       Set<String> images) {

    public static final int DEFAULT_MAX_TEXT_CHARS = 2000;
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    /** The longest image file name an image row may give. */
    public static final int MAX_IMAGE_NAME = 200;

    public RowRules(List<String> requiredFields, String textField, int maxTextChars, int maxLineBytes) {
        this(requiredFields, textField, maxTextChars, maxLineBytes, null);
    }

    public RowRules {
        requiredFields = List.copyOf(requiredFields);
        images = images == null ? null : Set.copyOf(images);
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

    /** Rows of an image dataset: a required {@code image} field naming one of {@code images}; {@code id} optional. */
    public static RowRules images(Set<String> images) {
        return new RowRules(List.of("image"), "image", MAX_IMAGE_NAME, DEFAULT_MAX_LINE_BYTES, images);
    }
}
