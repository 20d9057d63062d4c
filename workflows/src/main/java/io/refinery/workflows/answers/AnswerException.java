package io.refinery.workflows.answers;

/** An answer that does not fit its task type's schema or the label set; the message names the field. */
public class AnswerException extends IllegalArgumentException {

    public AnswerException(String message) {
        super(message);
    }
}
