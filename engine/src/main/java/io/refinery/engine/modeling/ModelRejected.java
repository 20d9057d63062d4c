package io.refinery.engine.modeling;

/**
 * An uploaded or pasted model file that is refused before anything else looks at it. The message is English and says
 * what was wrong and where (file name, line and column when known); the UI translates by {@link #code()}, which is
 * stable:
 * <ul>
 *   <li>{@code too-large} — larger than {@code refinery.models.max-bytes} (default 10 MB)</li>
 *   <li>{@code empty} — no content</li>
 *   <li>{@code xxe} — a DOCTYPE that declares or references an external entity or DTD (SYSTEM/PUBLIC)</li>
 *   <li>{@code entity-expansion} — a DOCTYPE that declares internal entities (billion-laughs and similar bombs)</li>
 *   <li>{@code doctype} — any other DOCTYPE: BPMN and DMN files never need one</li>
 *   <li>{@code not-xml} — not well-formed XML</li>
 *   <li>{@code too-deep} — elements nested deeper than the limit</li>
 *   <li>{@code too-many-elements} — more elements than the limit</li>
 *   <li>{@code not-bpmn} — well-formed XML, but the root is neither BPMN 2.0 nor DMN {@code definitions}</li>
 *   <li>{@code bad-name} — a file name that is empty, too long, or has path or control characters</li>
 * </ul>
 * The REST API answers it as 400 with {@code code}, {@code message}, {@code fileName}, {@code line}, {@code column}.
 */
public class ModelRejected extends RuntimeException {
    public static final String TOO_LARGE = "too-large";
    public static final String EMPTY = "empty";
    public static final String XXE = "xxe";
    public static final String ENTITY_EXPANSION = "entity-expansion";
    public static final String DOCTYPE = "doctype";
    public static final String NOT_XML = "not-xml";
    public static final String TOO_DEEP = "too-deep";
    public static final String TOO_MANY_ELEMENTS = "too-many-elements";
    public static final String NOT_BPMN = "not-bpmn";
    public static final String BAD_NAME = "bad-name";

    private final String code;
    private final String fileName;
    private final Integer line;
    private final Integer column;

    public ModelRejected(String code, String fileName, Integer line, Integer column, String what) {
        super(describe(fileName, line, column, what));
        this.code = code;
        this.fileName = fileName;
        this.line = line;
        this.column = column;
    }

    public String code() {
        return code;
    }

    public String fileName() {
        return fileName;
    }

    public Integer line() {
        return line;
    }

    public Integer column() {
        return column;
    }

    private static String describe(String fileName, Integer line, Integer column, String what) {
        StringBuilder where = new StringBuilder("'").append(fileName == null ? "(unnamed)" : fileName).append('\'');
        if (line != null) {
            where.append(", line ").append(line);
            if (column != null) {
                where.append(", column ").append(column);
            }
        }
        return where + ": " + what;
    }
}
