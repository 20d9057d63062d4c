package io.refinery.engine.modeling;

import java.util.List;

/** The outcome of {@link ProcessModels#validate}: every problem found; a deploy happens only when there is none. */
public record Validation(List<Problem> problems) {

    public Validation {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
