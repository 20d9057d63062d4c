package io.refinery.workflows.prelabel;

/** A rules text that cannot be used; the message names the line. */
public class LabelRuleException extends IllegalArgumentException {

    private final int line;

    LabelRuleException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    /** 1-based line of the rules text. */
    public int line() {
        return line;
    }
}
