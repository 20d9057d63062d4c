package io.refinery.engine.labeling;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.tasks.TaskKind;
import io.refinery.engine.tasks.TaskRule;
import io.refinery.workflows.Processes.Steps;
import io.refinery.workflows.Vars;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A label task is one slot of one work package in one round: taking it binds the slot to the person (never two slots
 * of a package to the same person), releasing it unbinds an untouched slot, completing it needs every item answered.
 */
@Component
public class LabelTaskRule implements TaskRule {

    /** What a label task is about. */
    public record LabelContext(Task task, long versionId, int round, WorkPackages.Assignment assignment,
                               List<String> labelSet) {
    }

    private final TaskService tasks;
    private final WorkPackages packages;
    private final ApplicationEventPublisher events;

    private final io.refinery.engine.dataset.DatasetVersions versions;

    private final PackageAnswers answers;

    LabelTaskRule(TaskService tasks, WorkPackages packages, PackageAnswers answers, ApplicationEventPublisher events,
                  io.refinery.engine.dataset.DatasetVersions versions) {
        this.answers = answers;
        this.versions = versions;
        this.tasks = tasks;
        this.packages = packages;
        this.events = events;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.LABEL;
    }

    /** The package slot behind a label task; 400 for another kind of task, 409 when it has no package. */
    public LabelContext labelContext(Task task) {
        if (!TaskKind.LABEL.is(task.getTaskDefinitionKey())) {
            throw ApiException.badRequest("task " + task.getId() + " is not a labelling task");
        }
        Map<String, Object> vars = tasks.getVariables(task.getId(),
                List.of(Vars.VERSION_ID, Vars.ROUND, Vars.ASSIGNMENT_INDEX, Vars.LABEL_SET));
        long versionId = ((Number) vars.get(Vars.VERSION_ID)).longValue();
        int round = ((Number) vars.get(Vars.ROUND)).intValue();
        int idx = ((Number) vars.get(Vars.ASSIGNMENT_INDEX)).intValue();
        var assignment = packages.assignment(versionId, round, idx).orElseThrow(() -> new ApiException(
                HttpStatus.CONFLICT, "task " + task.getId() + " has no work package (version " + versionId + ", round "
                + round + ", index " + idx + ")"));
        return new LabelContext(task, versionId, round, assignment, LabelSet.parse(vars.get(Vars.LABEL_SET)));
    }

    @Override
    public Work work(Task task) {
        Map<String, Object> vars = tasks.getVariables(task.getId(),
                List.of(Vars.VERSION_ID, Vars.ROUND, Vars.ASSIGNMENT_INDEX));
        if (vars.get(Vars.VERSION_ID) instanceof Number v && vars.get(Vars.ROUND) instanceof Number r
                && vars.get(Vars.ASSIGNMENT_INDEX) instanceof Number idx) {
            return packages.assignment(v.longValue(), r.intValue(), idx.intValue())
                    .map(a -> new Work(a.packageId(), a.slot())).orElse(null);
        }
        return null;
    }

    /**
     * Binds the package slot to {@code userId}; 409 when that person labels the package in another slot. The
     * package's slots are locked first, so two claims of one package at once are decided one after the other.
     */
    @Override
    public void beforeTake(Task task, String userId) {
        LabelContext ctx = labelContext(task);
        var a = ctx.assignment();
        for (var other : packages.lockedAssignmentsOfPackage(a.packageId(), a.round())) {
            if (other.slot() != a.slot() && userId.equals(other.annotator())) {
                throw ApiException.conflict(userId + " already labels package " + a.packageId() + " in round "
                        + a.round() + " (slot " + other.slot() + "); its other label must come from another annotator");
            }
        }
        packages.bindAnnotator(a.id(), userId, task.getId());
        recordSiblingTasks(task, a);
    }

    /**
     * Notes the tasks of the package's other slots in this round, so that the inbox can hide them from this person
     * with one small query (label_assignment by annotator) instead of joining every task's variables.
     */
    private void recordSiblingTasks(Task task, WorkPackages.Assignment bound) {
        for (var other : packages.assignmentsOfPackage(bound.packageId(), bound.round())) {
            if (other.slot() == bound.slot() || other.taskId() != null) {
                continue;
            }
            // a Long since waves (the listener's arithmetic), an Integer in runs started before them
            java.util.stream.Stream.of((Object) (long) other.idx(), (Object) other.idx())
                    .flatMap(idx -> tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId())
                            .taskDefinitionKey(Steps.LABEL).taskVariableValueEquals(Vars.ASSIGNMENT_INDEX, idx)
                            .list().stream())
                    .filter(t -> !t.getId().equals(task.getId())).findFirst()
                    .ifPresent(t -> packages.recordTask(other.id(), t.getId()));
        }
    }

    /** A slot nobody has answered in goes back to whoever takes the task next. */
    @Override
    public void beforeRelease(Task task, CurrentUser user) {
        LabelContext ctx = labelContext(task);
        if (answers.answeredCount(ctx.assignment().packageId(), ctx.round(), ctx.assignment().slot()) == 0) {
            packages.bindAnnotator(ctx.assignment().id(), null, null);
        }
    }

    /**
     * 409 while items of the package have no answer. When every slot of the package has answered every item, its
     * answers are settled ({@link PackageLabelled}, in this transaction: one package's worth of work). Submissions
     * of one version take turns (its row is locked first): every submission of a wave changes the wave's counters
     * in the engine, and two at once would make one of them fail at its end and start again, which under a steady
     * stream of submissions could happen to the same one again and again.
     */
    @Override
    public Map<String, Object> beforeComplete(Task task, Map<String, Object> variables, CurrentUser user) {
        LabelContext ctx = labelContext(task);
        versions.lockVersion(ctx.versionId());
        long packageId = ctx.assignment().packageId();
        int total = packages.packageEntries(packageId).size();
        int answered = answers.answeredCount(packageId, ctx.round(), ctx.assignment().slot());
        if (answered < total) {
            throw ApiException.conflict((total - answered) + " of " + total + " items of package "
                    + packageId + " have no answer yet");
        }
        boolean allSlots = packages.assignmentsOfPackage(packageId, ctx.round()).stream().allMatch(a ->
                a.slot() == ctx.assignment().slot() || answers.answeredCount(packageId, ctx.round(), a.slot()) >= total);
        if (allSlots) {
            events.publishEvent(new PackageLabelled(ctx.versionId(), packageId, ctx.round()));
        }
        return variables;
    }
}
