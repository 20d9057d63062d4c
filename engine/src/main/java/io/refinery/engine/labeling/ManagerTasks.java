package io.refinery.engine.labeling;

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
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * The decisions people take in a run beside labelling and review — approve a demand, add data for thin classes,
 * decide after too many QC rounds, follow up an overdue round, look at a drift — and any user task a manager drew
 * into a process: what the task asks (its BPMN documentation), the facts of the run to decide on, and for a drift
 * the measured result. Only the task's assignee or a candidate may open it; completing goes through
 * {@link LabelingService#complete}, which checks the variables each kind of task takes.
 */
@Service
public class ManagerTasks {

    /** What a decision task shows: the task, what it asks, the run's facts (variable → value, in order), a drift. */
    public record Opened(TaskView task, String description, Map<String, Object> facts, DriftResult drift) {
    }

    /** The variables that tell each decision's story, in the order a manager reads them. */
    private static final Map<String, List<String>> FACTS = Map.of(
            Steps.DEMAND_APPROVAL, List.of(Vars.NAME, Vars.TASK_TYPE, Vars.LABEL_SET, Vars.TARGET_SIZE, Vars.DUE_DATE,
                    Vars.SOURCE, Vars.PACKAGE_SIZE, Vars.OVERLAP, Vars.MAX_ROUNDS, Vars.LABEL_SLA, Vars.MIN_COMPLETENESS,
                    Vars.MIN_AGREEMENT, Vars.MIN_KAPPA, Vars.MIN_CLASS_COUNT, Vars.MAX_DUPLICATE_RATE,
                    Vars.MAX_SENSITIVE_RATIO),
            Steps.LABEL_ESCALATION, List.of(Vars.NAME, Vars.ROUND, Vars.LABEL_TASK_COUNT, Vars.LABEL_SLA, Vars.DUE_DATE),
            Steps.QC_FAILED_DECISION, List.of(Vars.NAME, Vars.ROUND, Vars.MAX_ROUNDS, Vars.QC_FAILED_CHECKS,
                    Vars.METRIC_COMPLETENESS, Vars.METRIC_AGREEMENT, Vars.METRIC_KAPPA, Vars.METRIC_DUPLICATE_RATE,
                    Vars.METRIC_SENSITIVE_RATIO),
            Steps.ADD_DATA, List.of(Vars.NAME, Vars.ROUND, Vars.COLLECT_CLASSES, Vars.MIN_CLASS_COUNT,
                    Vars.QC_FAILED_CHECKS),
            Processes.DriftSteps.REVIEW, List.of(Vars.NAME, Vars.DRIFT_SUMMARY, Vars.DRIFT_PSI, Vars.DRIFT_TVD,
                    Vars.DRIFT_ANOMALY_RATIO));

    /** Kinds of task with a page of their own, whose completion checks their work (answers, reviews). */
    private static final Set<String> OWN_PAGES = Set.of(LabelingService.LABEL, LabelingService.REWORK,
            LabelingService.REVIEW);

    private final LabelingService labeling;
    private final RuntimeService runtime;
    private final DriftResults drifts;

    public ManagerTasks(LabelingService labeling, RuntimeService runtime, DriftResults drifts) {
        this.labeling = labeling;
        this.runtime = runtime;
        this.drifts = drifts;
    }

    /**
     * The task with its facts; 404 when it is gone, 403 when it is neither the user's nor offered to them, 409 for a
     * task with a page of its own (labelling, rework, review, model-error review).
     */
    public Opened open(String taskId, CurrentUser user) {
        Task task = labeling.requireMayWork(taskId, user);
        String kind = LabelingService.kindOf(task.getTaskDefinitionKey());
        if (OWN_PAGES.contains(kind) || Processes.Feedback.REVIEW.equals(task.getTaskDefinitionKey())) {
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
        return new Opened(labeling.view(task), task.getDescription(), facts, drift);
    }

    /** Completes the task with {@code variables} (e.g. {@code approved}); see {@link LabelingService#complete}. */
    public void complete(String taskId, Map<String, Object> variables, CurrentUser user) {
        labeling.complete(taskId, variables, user);
    }
}
