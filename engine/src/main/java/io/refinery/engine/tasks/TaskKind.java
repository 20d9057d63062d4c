package io.refinery.engine.tasks;

import io.refinery.workflows.Processes.Steps;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a human task is, told by the step it comes from: the one definition that the inbox filter, the task pages,
 * the completion rules and the UI use. {@link #OTHER} is any user task a manager drew that is none of these.
 */
public enum TaskKind {
    LABEL(Steps.LABEL),
    REWORK(Steps.REWORK),
    REVIEW(Steps.EXPERT_REVIEW),
    APPROVAL(Steps.DEMAND_APPROVAL),
    ESCALATION(Steps.LABEL_ESCALATION),
    DECISION(Steps.QC_FAILED_DECISION),
    OTHER(null);

    /** The kinds an inbox can be filtered by (every kind but {@link #OTHER}), by {@link #id()}. */
    public static final List<String> FILTERS = Arrays.stream(values()).filter(k -> k != OTHER).map(TaskKind::id).toList();

    private final String taskKey;

    TaskKind(String taskKey) {
        this.taskKey = taskKey;
    }

    /** The name in the API and the UI: {@code label}, {@code rework}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The BPMN id of the user task this kind comes from; null for {@link #OTHER}. */
    public String taskKey() {
        return taskKey;
    }

    /** The kind of a task with this task definition key. */
    public static TaskKind of(String taskDefinitionKey) {
        for (TaskKind k : values()) {
            if (k.taskKey != null && k.taskKey.equals(taskDefinitionKey)) {
                return k;
            }
        }
        return OTHER;
    }

    /** The kind named {@code id} (as in {@code ?kind=rework}); empty for an unknown name. */
    public static Optional<TaskKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
    }

    public boolean is(String taskDefinitionKey) {
        return this == of(taskDefinitionKey);
    }
}
