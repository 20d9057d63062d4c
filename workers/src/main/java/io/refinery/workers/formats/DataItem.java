package io.refinery.workers.formats;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One item as every format sees it.
 *
 * @param id         the item's external id (may be null)
 * @param text       the item text; for image task types the picture's file name
 * @param label      the class of a classification item, else null
 * @param annotation the full answer of the other task types ({@code boxes}, {@code spans}, {@code labels},
 *                   {@code instruction}/{@code input}/{@code output}), else null
 * @param split      {@code train}, {@code validation} or {@code test}; null when not split
 * @param source     the source file the item was collected from (may be null)
 * @param line       its line (or record number) in that source; 0 if unknown
 * @param meta       any other JSON fields of the item (may be null)
 */
public record DataItem(String id, String text, String label, JsonNode annotation, String split, String source,
                       long line, JsonNode meta) {

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    public DataItem withSplit(String newSplit) {
        return new DataItem(id, text, label, annotation, newSplit, source, line, meta);
    }

    /** The same item without what a format does not carry (source, line, meta): what image formats round-trip. */
    public DataItem core() {
        return new DataItem(id, text, label, annotation, split, null, 0, null);
    }
}
