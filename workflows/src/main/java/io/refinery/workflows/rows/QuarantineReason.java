package io.refinery.workflows.rows;

/**
 * Why a row was quarantined: a stable {@code category} (the key of {@link CollectStats#quarantinedByReason()})
 * and the readable {@code message} given to the sink.
 */
public record QuarantineReason(String category, String message) {

    public static final String INVALID_UTF8 = "invalid UTF-8";
    public static final String LINE_TOO_LONG = "line too long";
    public static final String INVALID_JSON = "invalid JSON";
    public static final String NOT_AN_OBJECT = "not a JSON object";
    public static final String MISSING_FIELD = "missing field";
    public static final String BLANK_FIELD = "blank field";
    public static final String NOT_A_STRING = "field not a string";
    public static final String TEXT_TOO_LONG = "text too long";
    public static final String INVALID_CSV = "invalid CSV";
    public static final String COLUMN_COUNT = "wrong column count";
    public static final String NO_CSV_HEADER = "no valid CSV header";
    public static final String IMAGE_NOT_FOUND = "image not found";
    /** A record of a Parquet, COCO, YOLO, VOC or Alpaca source that cannot be read; the message names the field. */
    public static final String INVALID_RECORD = "invalid record";

    static QuarantineReason invalidUtf8(int byteOffset) {
        return new QuarantineReason(INVALID_UTF8, "invalid UTF-8 at byte offset " + byteOffset);
    }

    static QuarantineReason lineTooLong(long bytes, int limit) {
        return new QuarantineReason(LINE_TOO_LONG, "line too long (" + bytes + " bytes > " + limit + ")");
    }

    static QuarantineReason invalidJson(String parserMessage) {
        return new QuarantineReason(INVALID_JSON, "invalid JSON: " + firstLine(parserMessage));
    }

    static QuarantineReason notAnObject() {
        return new QuarantineReason(NOT_AN_OBJECT, "not a JSON object");
    }

    static QuarantineReason missingField(String field) {
        return new QuarantineReason(MISSING_FIELD, "missing field \"" + field + "\"");
    }

    static QuarantineReason blankField(String field) {
        return new QuarantineReason(BLANK_FIELD, "field \"" + field + "\" is blank");
    }

    static QuarantineReason notAString(String field) {
        return new QuarantineReason(NOT_A_STRING, "field \"" + field + "\" is not a string");
    }

    static QuarantineReason textTooLong(String field, long chars, int limit) {
        return new QuarantineReason(TEXT_TOO_LONG,
                "field \"" + field + "\" too long (" + chars + " chars > " + limit + ")");
    }

    static QuarantineReason imageNotFound(String field, String name) {
        return new QuarantineReason(IMAGE_NOT_FOUND, "field \"" + field + "\": image \"" + firstLine(name)
                + "\" is not among the version's uploaded images");
    }

    static QuarantineReason invalidCsv(String parserMessage) {
        return new QuarantineReason(INVALID_CSV, "invalid CSV: " + firstLine(parserMessage));
    }

    static QuarantineReason columnCount(int expected, int found) {
        return new QuarantineReason(COLUMN_COUNT, "expected " + expected + " columns, found " + found);
    }

    static QuarantineReason noCsvHeader(long headerLine, String headerProblem) {
        return new QuarantineReason(NO_CSV_HEADER,
                "no valid CSV header (line " + headerLine + ": " + headerProblem + ")");
    }

    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
