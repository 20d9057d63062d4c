package io.refinery.engine.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.tasks.TaskKind;
import io.refinery.engine.tasks.Tasks;
import io.refinery.workflows.Vars;
import io.refinery.workflows.answers.AnnotationValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An annotator's work on a package: opening it (a label task, or a rework task with only the rejected items
 * editable), saving answers as they are given (validated by the dataset's task type; answers on mixed-in gold items are
 * scored, never shown as gold), and the next open item.
 */
@Service
public class PackageWork {
    /**
     * A work package as its annotator sees it. {@code mode} is the task's kind ({@code label} or {@code rework}); in rework mode only
     * the items with a {@code reworkReason} are editable. Gold items are among the items, indistinguishable.
     */
    public record PackageView(String taskId, String mode, String datasetName, String taskType, long packageId, int round,
                              int slot, List<String> labelSet, List<PackageItemView> items, int answered) {
        /** Index of the first item still to do (unanswered, or not yet fixed in rework mode), else -1. */
        public int firstOpen() {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).open()) {
                    return i;
                }
            }
            return -1;
        }

        public boolean complete() {
            return firstOpen() < 0;
        }
    }

    /** {@code answer} is the single label (classification), {@code value} the full answer of any task type. */
    public record PackageItemView(long itemId, int position, String externalId, String text, String prelabel,
                                  String prelabelRule, String answer, JsonNode value, boolean editable,
                                  String reworkReason, boolean fixed) {
        public boolean open() {
            return editable && (value == null || reworkReason != null && !fixed);
        }
    }

    /** The package slot a label or rework task works on; {@code rework} is null for a label task. */
    private record Slot(String mode, long versionId, int round, long packageId, int slot, List<String> labelSet,
                        ReworkLookup.ReworkSlot rework) {
    }

    private final Tasks humanTasks;
    private final TaskService tasks;
    private final WorkPackages packages;
    private final PackageAnswers answers;
    private final GoldItems gold;
    private final LabelTaskRule labelTasks;
    private final ReworkLookup reworks;

    PackageWork(Tasks humanTasks, TaskService tasks, WorkPackages packages, PackageAnswers answers, GoldItems gold,
                LabelTaskRule labelTasks, ReworkLookup reworks) {
        this.answers = answers;
        this.humanTasks = humanTasks;
        this.tasks = tasks;
        this.packages = packages;
        this.gold = gold;
        this.labelTasks = labelTasks;
        this.reworks = reworks;
    }

    private Slot slotOf(Task task) {
        if (TaskKind.REWORK.is(task.getTaskDefinitionKey())) {
            var r = reworks.slotOf(task);
            return new Slot(TaskKind.REWORK.id(), r.versionId(), r.round(), r.packageId(), r.slot(), r.labelSet(), r);
        }
        var ctx = labelTasks.labelContext(task);
        return new Slot(TaskKind.LABEL.id(), ctx.versionId(), ctx.round(), ctx.assignment().packageId(), ctx.assignment().slot(),
                ctx.labelSet(), null);
    }

    /**
     * Opens the package of a label task (claiming it if needed) or of a rework task (its assignee only), with the
     * user's own answers only.
     */
    @Transactional
    public PackageView openPackage(String taskId, CurrentUser user) {
        Task task = humanTasks.requireMayWork(taskId, user);
        if (TaskKind.REWORK.is(task.getTaskDefinitionKey()) && !user.id().equals(task.getAssignee())) {
            throw ApiException.forbidden("rework task " + taskId + " belongs to " + task.getAssignee());
        }
        humanTasks.take(taskId, user);
        return packageView(task, slotOf(task));
    }

    private PackageView packageView(Task task, Slot s) {
        String taskType = packages.taskTypeOfVersion(s.versionId());
        Map<Long, WorkPackages.AnnotationRow> mine = new HashMap<>();
        for (var row : answers.annotations(s.packageId(), s.round())) {
            if (row.slot() == s.slot()) {
                mine.put(row.itemId(), row);
            }
        }
        Map<Long, String> goldAnswers = gold.goldAnswers(s.packageId(), s.round(), s.slot());
        Map<Long, ReworkLookup.Mark> rework = s.rework() == null ? Map.of() : s.rework().items();
        List<PackageItemView> items = new ArrayList<>();
        int answered = 0;
        int position = 0;
        for (var e : packages.packageEntries(s.packageId())) {
            JsonNode value = e.goldId() != null ? AnnotationValues.parse(goldAnswers.get(e.itemId()))
                    : valueOf(mine.get(e.itemId()));
            if (value != null) {
                answered++;
            }
            var r = rework.get(e.itemId());
            boolean editable = s.rework() == null || r != null;
            items.add(new PackageItemView(e.itemId(), position++, e.externalId(), e.text(), e.prelabel(), e.prelabelRule(),
                    AnnotationValues.labelOf(taskType, value), value, editable, r == null ? null : r.reason(),
                    r != null && r.fixed()));
        }
        String dataset = (String) tasks.getVariable(task.getId(), Vars.NAME);
        return new PackageView(task.getId(), s.mode(), dataset, taskType, s.packageId(), s.round(), s.slot(), s.labelSet(),
                items, answered);
    }

    /** The whole answer of an annotation row (older rows have only a label); null for none. */
    public static JsonNode valueOf(WorkPackages.AnnotationRow a) {
        return a == null ? null : a.valueJson() != null ? AnnotationValues.parse(a.valueJson())
                : a.label() == null ? null : AnnotationValues.ofLabel(a.label());
    }

    /** Autosaves one answer given as a single label (the original API: {@code {"label": ..}}). */
    @Transactional
    public void annotate(String taskId, long itemId, String label, CurrentUser user) {
        annotate(taskId, itemId, AnnotationValues.ofLabel(label), user);
    }

    /** Autosaves one answer of the user's package, validated by the dataset's task type. */
    @Transactional
    public void annotate(String taskId, long itemId, JsonNode value, CurrentUser user) {
        Task task = humanTasks.requireAssignee(taskId, user, "labelling it");
        Slot s = slotOf(task);
        var entry = packages.packageEntries(s.packageId()).stream().filter(e -> e.itemId() == itemId).findFirst()
                .orElseThrow(() -> ApiException.forbidden("item " + itemId + " is not in the package of task " + taskId));
        if (s.rework() != null && !s.rework().items().containsKey(itemId)) {
            throw ApiException.forbidden("item " + itemId + " was not rejected: it is read-only in rework task " + taskId);
        }
        String taskType = packages.taskTypeOfVersion(s.versionId());
        JsonNode normalized = Answers.validate(taskType, s.labelSet(), entry.text(), value);
        if (entry.goldId() != null) {
            var g = gold.gold(entry.goldId()).orElseThrow();
            boolean correct = AnnotationValues.sameAnswer(taskType, s.labelSet(), entry.text(), normalized,
                    AnnotationValues.parse(g.valueJson()));
            gold.saveGoldAnswer(s.versionId(), s.packageId(), g.id(), s.round(), s.slot(), user.id(),
                    normalized.toString(), correct);
            return;
        }
        answers.saveAnnotation(s.versionId(), itemId, s.round(), s.slot(), user.id(),
                AnnotationValues.labelOf(taskType, normalized), normalized.toString());
        if (s.rework() != null) {
            reworks.markFixed(s.rework().reworkId(), itemId);
        }
    }

    /**
     * Saves one answer and returns the package's next open item after it (wrapping round), or null when every item
     * is done: Enter in the UI is one round trip.
     */
    @Transactional
    public PackageItemView annotateAndNext(String taskId, long itemId, JsonNode value, CurrentUser user) {
        annotate(taskId, itemId, value, user);
        Task task = humanTasks.requireTask(taskId);
        List<PackageItemView> items = packageView(task, slotOf(task)).items();
        int at = 0;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).itemId() == itemId) {
                at = i;
            }
        }
        for (int k = 1; k <= items.size(); k++) {
            PackageItemView next = items.get((at + k) % items.size());
            if (next.open()) {
                return next;
            }
        }
        return null;
    }

    /** Each annotator's answers on gold items in a version: answered, correct, accuracy. */
    public List<GoldItems.GoldAccuracy> goldAccuracy(long versionId) {
        return gold.goldAccuracy(versionId);
    }
}
