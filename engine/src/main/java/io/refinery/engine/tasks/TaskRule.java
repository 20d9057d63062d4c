package io.refinery.engine.tasks;

import io.refinery.engine.system.CurrentUser;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.task.Task;

/**
 * What one kind of task adds to taking, releasing and completing it. The module that owns the work behind a kind
 * registers its rule as a bean (labelling: label tasks; review: review and rework; dataset: demand approval; quality:
 * the decision after failed rounds); {@link Tasks} applies it, so every path (API, UI, bulk dispatch) keeps it.
 */
public interface TaskRule {

    /** The package slot a task works on, shown in the inbox and the task view. */
    record Work(long packageId, int slot) {
    }

    TaskKind kind();

    /** Whether this rule is about a task of this definition key (by default: the tasks of {@link #kind()}). */
    default boolean appliesTo(String taskDefinitionKey) {
        return kind().is(taskDefinitionKey);
    }

    /** Before {@code userId} takes the task (claim or a manager's assignment): may refuse, binds what it works on. */
    default void beforeTake(Task task, String userId) {
    }

    /** Before the task goes back to its groups: may refuse, unbinds what was bound. */
    default void beforeRelease(Task task, CurrentUser user) {
    }

    /** The variables a person may set when completing the task. */
    default Set<String> variables() {
        return Set.of();
    }

    /**
     * Checks and types the variables given ({@link #variables()} only) and that the work is done; returns what the
     * completion sets on the process (the typed variables, and what the work produced).
     */
    default Map<String, Object> beforeComplete(Task task, Map<String, Object> variables, CurrentUser user) {
        return variables;
    }

    /** The package slot of the task, if it has one. */
    default Work work(Task task) {
        return null;
    }
}
