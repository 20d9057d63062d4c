package io.refinery.engine.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.system.ApiException;
import io.refinery.workflows.answers.AnnotationValues;
import io.refinery.workflows.answers.AnswerException;
import java.util.List;

/**
 * The shared answer schema ({@link AnnotationValues}) as the engine's services apply it: a rejected answer is an
 * {@link ApiException} 400 naming the field, as the REST API and the designer's views expect.
 */
public final class Answers {

    private Answers() {
    }

    /** The normalized answer, or a 400 naming the field. */
    public static JsonNode validate(String taskType, List<String> labelSet, String itemText, JsonNode value) {
        try {
            return AnnotationValues.validate(taskType, labelSet, itemText, value);
        } catch (AnswerException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
