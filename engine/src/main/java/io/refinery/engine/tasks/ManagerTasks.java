package io.refinery.engine.tasks;

import io.refinery.engine.drift.DriftResult;
import io.refinery.engine.drift.DriftResults;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Processes.Steps;
import io.refinery.workflows.Vars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decisions people take in a run beside labelling and review — approve a demand, add data for thin classes,
 * decide after too many QC rounds, follow up an overdue round, look at a drift — and any user task a manager drew
 * into a process: what the task asks (its BPMN documentation), the facts of the run to decide on, and for a drift
 * the measured result. Only the task's assignee or a candidate may open it; completing goes through
 * {@link Tasks#complete}, which checks the variables each kind of task takes.
 */
@Service
public class ManagerTasks {

    /** What a decision task shows: the task, what it asks, the run's facts (variable → value, in order), a drift. */
    public record Opened(TaskView task, String description, Map<String, Object> facts, DriftResult drift) {
    }

    /** The variables that tell each decision's story, in the order a manager reads them. */
    private static final Map<String, List<String>> FACTS = Map.of(
            Steps.DEMAND_APPROVAL, approvalFacts(),
            Steps.LABEL_ESCALATION, List.of(Vars.NAME, Vars.ROUND, Vars.LABEL_TASK_COUNT, Vars.LABEL_SLA, Vars.DUE_DATE),
            Steps.QC_FAILED_DECISION, List.of(Vars.NAME, Vars.ROUND, Vars.MAX_ROUNDS, Vars.QC_FAILED_CHECKS,
                    Vars.METRIC_COMPLETENESS, Vars.METRIC_AGREEMENT, Vars.METRIC_KAPPA, Vars.METRIC_DUPLICATE_RATE,
                    Vars.METRIC_SENSITIVE_RATIO),
            Steps.ADD_DATA, List.of(Vars.NAME, Vars.ROUND, Vars.COLLECT_CLASSES, Vars.MIN_CLASS_COUNT,
                    Vars.QC_FAILED_CHECKS),
            Processes.DriftSteps.REVIEW, List.of(Vars.NAME, Vars.DRIFT_SUMMARY, Vars.DRIFT_PSI, Vars.DRIFT_TVD,
                    Vars.DRIFT_ANOMALY_RATIO));

    /** The demand's values, then every threshold of {@link io.refinery.workflows.Threshold#ALL} in its order. */
    private static List<String> approvalFacts() {
        List<String> names = new java.util.ArrayList<>(List.of(Vars.NAME, Vars.TASK_TYPE, Vars.LABEL_SET,
                Vars.LABEL_RULES, Vars.TARGET_SIZE, Vars.DUE_DATE, Vars.SOURCE, Vars.PACKAGE_SIZE, Vars.OVERLAP,
                Vars.MAX_ROUNDS, Vars.LABEL_SLA, Vars.PRIORITY));
        io.refinery.workflows.Threshold.ALL.forEach(t -> names.add(t.name()));
        return List.copyOf(names);
    }

    /** Kinds of task with a page of their own, whose completion checks their work (answers, reviews). */
    private static final Set<TaskKind> OWN_PAGES = Set.of(TaskKind.LABEL, TaskKind.REWORK, TaskKind.REVIEW);

    private final Tasks humanTasks;
    private final RuntimeService runtime;
    private final DriftResults drifts;
    private final TaskService tasks;
    private final TaskDispatch dispatch;

    public ManagerTasks(Tasks humanTasks, RuntimeService runtime, DriftResults drifts, TaskService tasks,
                        TaskDispatch dispatch) {
        this.humanTasks = humanTasks;
        this.runtime = runtime;
        this.drifts = drifts;
        this.tasks = tasks;
        this.dispatch = dispatch;
    }

    /**
     * The task with its facts; 404 when it is gone, 403 when it is neither the user's nor offered to them, 409 for a
     * task with a page of its own (labelling, rework, review, model-error review).
     */
    public Opened open(String taskId, CurrentUser user) {
        Task task = humanTasks.requireMayWork(taskId, user);
        if (OWN_PAGES.contains(TaskKind.of(task.getTaskDefinitionKey())) || Processes.Feedback.REVIEW.equals(task.getTaskDefinitionKey())) {
            throw ApiException.conflict("task " + taskId + " (" + task.getName() + ") is done in its own page, not as a"
                    + " decision");
        }
        List<String> names = FACTS.getOrDefault(task.getTaskDefinitionKey(), List.of());
        Map<String, Object> found = names.isEmpty() ? Map.of()
                : runtime.getVariables(task.getProcessInstanceId(), names);
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String name : names) {
            Object value = found.get(name);
            if (value != null && !"".equals(value)) {
                facts.put(name, value);
            }
        }
        DriftResult drift = Processes.DriftSteps.REVIEW.equals(task.getTaskDefinitionKey())
                ? drifts.of(task.getProcessInstanceId()).orElse(null) : null;
        return new Opened(humanTasks.view(task), task.getDescription(), facts, drift);
    }

    /** Completes the task with {@code variables} (e.g. {@code approved}); see {@link Tasks#complete}. */
    public void complete(String taskId, Map<String, Object> variables, CurrentUser user) {
        humanTasks.complete(taskId, variables, user);
    }

    /**
     * Rejects a demand for a reason (required): the reason is kept as process variable {@code rejectReason} (the
     * demand list shows it after the run ended) and as a comment on the task (the inbox's comments show it).
     */
    @Transactional
    public void reject(String taskId, String reason, CurrentUser user) {
        Task task = requireApproval(taskId, user);
        String why = required(reason, "reason");
        dispatch.comment(task.getId(), why, user);
        humanTasks.complete(taskId, Map.of(Vars.APPROVED, false, Vars.REJECT_REASON, why), user);
    }

    /**
     * Sends a demand back for changes: the approval task is assigned to the person who filed it (variable
     * {@code initiator}) with a comment saying what to change (also in variable {@code changesRequested}); once they
     * revised the demand ({@code DemandService.revise}) it returns to the managers.
     */
    @Transactional
    public void sendBack(String taskId, String changes, CurrentUser user) {
        Task task = requireApproval(taskId, user);
        String what = required(changes, "changes");
        Object initiator = runtime.getVariable(task.getProcessInstanceId(), Vars.INITIATOR);
        if (initiator == null || initiator.toString().isBlank()) {
            throw ApiException.conflict("the demand of task " + taskId + " names no initiator to send it back to");
        }
        dispatch.comment(task.getId(), what, user);
        runtime.setVariable(task.getProcessInstanceId(), Vars.CHANGES_REQUESTED, what);
        tasks.setAssignee(taskId, initiator.toString());
    }

    /** The open human tasks of a run, as the inbox shows them (at most 50). */
    public List<TaskView> openTasks(String processInstanceId) {
        if (processInstanceId == null) {
            return List.of();
        }
        return tasks.createTaskQuery().processInstanceId(processInstanceId).orderByTaskCreateTime().asc()
                .listPage(0, 50).stream().map(humanTasks::view).toList();
    }

    private Task requireApproval(String taskId, CurrentUser user) {
        Task task = humanTasks.requireMayWork(taskId, user);
        if (TaskKind.of(task.getTaskDefinitionKey()) != TaskKind.APPROVAL) {
            throw ApiException.conflict("task " + taskId + " (" + task.getName() + ") is not a demand approval");
        }
        return task;
    }

    private static String required(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(field + ": required");
        }
        if (text.strip().length() > TaskDispatch.MAX_COMMENT) {
            throw ApiException.badRequest(field + ": at most " + TaskDispatch.MAX_COMMENT + " characters");
        }
        return text.strip();
    }
}
