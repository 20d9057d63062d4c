package io.refinery.workflows;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The platform's own expressions that call methods: the listeners and assignments of the shipped processes and
 * templates. A process a manager deploys may use these, word for word, and otherwise only plain variable reads and
 * comparisons; anything else is an admin's decision.
 */
public final class PlatformExpressions {
    /**
     * Each label task learns its slot of the round: the wave's first slot plus its place in the wave (a create task
     * listener; the engine adds it to Label steps, see {@link LabelWaves}).
     */
    public static final String ASSIGNMENT_INDEX_LISTENER = "${task.setVariableLocal(\"" + Vars.ASSIGNMENT_INDEX
            + "\", " + Vars.LABEL_WAVE + " * " + Vars.LABEL_WAVE_SIZE + " + loopCounter)}";
    /**
     * The assignmentIndex listener of a Label step drawn before waves (a flat multi-instance over labelTaskCount).
     * Not allowed in a process any more: the engine replaces it when it places such a step in its wave.
     */
    public static final String FLAT_ASSIGNMENT_INDEX_LISTENER = "${task.setVariableLocal(\"" + Vars.ASSIGNMENT_INDEX
            + "\", loopCounter)}";
    /** Each wave of label tasks keeps its index (a start execution listener on the wave subprocess). */
    public static final String LABEL_WAVE_LISTENER = "${execution.setVariableLocal(\"" + Vars.LABEL_WAVE
            + "\", loopCounter)}";
    /** Loop cardinality of the wave subprocess: one instance per wave. */
    public static final String LABEL_WAVES = "${" + Vars.LABEL_WAVE_COUNT + "}";
    /**
     * Loop cardinality of the Label step inside a wave: a full wave, or what is left in the last one (the rule of
     * {@link LabelWaves#tasksOf}). A plain expression: variable reads and arithmetic.
     */
    public static final String LABEL_WAVE_TASKS = "${" + Vars.LABEL_WAVE + " < " + Vars.LABEL_WAVE_COUNT + " - 1 ? "
            + Vars.LABEL_WAVE_SIZE + " : " + Vars.LABEL_TASK_COUNT + " - " + Vars.LABEL_WAVE + " * "
            + Vars.LABEL_WAVE_SIZE + "}";
    public static final String REWORK_INDEX_LISTENER = "${task.setVariableLocal(\"" + Vars.REWORK_INDEX
            + "\", loopCounter)}";
    /** Rework task i goes to the i-th annotator of reworkAssignees. */
    public static final String REWORK_ASSIGNEE = "${" + Vars.REWORK_ASSIGNEES + ".split(',')[loopCounter]}";
    public static final String FIRST_ROUND = "${execution.setVariable(\"" + Vars.ROUND + "\", 1)}";
    public static final String NEXT_ROUND = "${execution.setVariable(\"" + Vars.ROUND + "\", " + Vars.ROUND + " + 1)}";
    public static final String RESET_REVIEW_REWORK = "${execution.setVariable(\"" + Vars.REVIEW_REWORK_COUNT
            + "\", 0)}";

    private static final Set<String> ALL = Set.of(ASSIGNMENT_INDEX_LISTENER, LABEL_WAVE_LISTENER, REWORK_INDEX_LISTENER, REWORK_ASSIGNEE,
            FIRST_ROUND, NEXT_ROUND, RESET_REVIEW_REWORK,
            driftDefault(Vars.MAX_PSI, "0.2"), driftDefault(Vars.MAX_TVD, "0.3"),
            driftDefault(Vars.MAX_ANOMALY_RATIO, "0.05"));
    private static final Set<String> NORMALIZED = ALL.stream().map(PlatformExpressions::normalize)
            .collect(Collectors.toUnmodifiableSet());

    private PlatformExpressions() {
    }

    /** Whether {@code text} is one of the platform's expressions (spaces and the kind of quotes do not matter). */
    public static boolean isPlatform(String text) {
        return text != null && NORMALIZED.contains(normalize(text));
    }

    /** Whether two expressions are the same (spaces and the kind of quotes do not matter). */
    public static boolean same(String a, String b) {
        return a != null && b != null && normalize(a).equals(normalize(b));
    }

    private static String driftDefault(String name, String value) {
        return "${execution.hasVariable('" + name + "') ? null : execution.setVariable('" + name + "', " + value + ")}";
    }

    private static String normalize(String text) {
        return text.replace('\'', '"').replaceAll("\\s+", "");
    }
}
