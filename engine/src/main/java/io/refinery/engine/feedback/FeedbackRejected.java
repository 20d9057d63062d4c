package io.refinery.engine.feedback;

import java.util.List;

/** A post of model errors refused as a whole, with every bad entry named by index and field. */
public class FeedbackRejected extends RuntimeException {

    /** One problem: {@code errors[index].field: message}. */
    public record Problem(int index, String field, String message) {
        @Override
        public String toString() {
            return "errors[" + index + "]." + field + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public FeedbackRejected(List<Problem> problems) {
        super(problems.size() + " bad entr" + (problems.size() == 1 ? "y" : "ies") + ", nothing was stored: "
                + String.join("; ", problems.stream().limit(20).map(Problem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
