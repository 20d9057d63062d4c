package io.refinery.engine.labeling;

import java.util.Arrays;
import java.util.List;

/** The label set of a run as its process variable holds it: comma-separated names. */
public final class LabelSet {
    private LabelSet() {
    }

    /** The names of {@code variable} (a comma-separated list), trimmed, blanks left out. */
    public static List<String> parse(Object variable) {
        return Arrays.stream(String.valueOf(variable).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
