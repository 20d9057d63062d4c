package io.refinery.engine.modeling;

/**
 * One thing wrong with a model, placed on its element when known.
 *
 * @param elementId the BPMN/DMN element the problem is about; null when it is about the file
 * @param message   English, says what is wrong; lint problems end with their rule id in parentheses
 * @param source    {@code "xml"} (not readable or not well-formed), {@code "engine"} (Camunda's own parser refused
 *                  it, as a deploy would) or {@code "lint"} (a server-side rule that mirrors the browser's lint rules,
 *                  see {@link ModelLint})
 * @param fileName  the file the problem is in (added member; null when only one file is checked)
 * @param line      1-based line in the file, when known
 * @param column    1-based column in the file, when known
 */
public record Problem(String elementId, String message, String source, Integer line, Integer column,
                      String fileName) {
    public static final String XML = "xml";
    public static final String ENGINE = "engine";
    public static final String LINT = "lint";

    /** The contract's five-value form (no file name). */
    public Problem(String elementId, String message, String source, Integer line, Integer column) {
        this(elementId, message, source, line, column, null);
    }

    Problem inFile(String name) {
        return new Problem(elementId, message, source, line, column, name);
    }
}
