package io.refinery.engine.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.labeling.inbox.Inbox;
import io.refinery.engine.labeling.inbox.InboxQuery;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Processes.Steps;
import io.refinery.workflows.Vars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The human side of a build: who may take which task, the work package behind a label task, answers,
 * expert review and the final labels. Every rule here is enforced on the server, whatever the UI shows.
 */
@Service
public class LabelingService {
    public static final String LABEL = "label";
    public static final String REWORK = "rework";
    public static final String REVIEW = "review";
    public static final String APPROVAL = "approval";
    public static final String ESCALATION = "escalation";
    public static final String DECISION = "decision";

    /** What a label task is about. */
    public record LabelContext(Task task, long versionId, int round, WorkPackageRepository.Assignment assignment,
                               List<String> labelSet) {
    }

    /**
     * A work package as its annotator sees it. {@code mode} is {@code label} or {@code rework}; in rework mode only
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

    public record ReviewAnnotation(int slot, String annotator, String label, JsonNode value) {
    }

    public record ReviewItemView(long itemId, long packageId, String externalId, String text,
                                 List<ReviewAnnotation> annotations, boolean disagreement, String decision,
                                 String decidedLabel, JsonNode decidedValue, String reason, JsonNode gold) {
    }

    public record ReviewView(String taskId, String datasetName, String taskType, int round, List<String> labelSet,
                             List<ReviewItemView> items) {
    }

    private final TaskService tasks;
    private final WorkPackageRepository packages;
    private final Inbox inbox;

    private final org.springframework.transaction.support.TransactionTemplate perPackage;

    private final io.refinery.engine.quality.QualityResults quality;

    public LabelingService(TaskService tasks, WorkPackageRepository packages, Inbox inbox,
                           io.refinery.engine.quality.QualityResults quality,
                           org.springframework.transaction.PlatformTransactionManager transactions) {
        this.quality = quality;
        this.perPackage = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.tasks = tasks;
        this.packages = packages;
        this.inbox = inbox;
    }

    public static String kindOf(String taskDefinitionKey) {
        return switch (taskDefinitionKey) {
            case Steps.LABEL -> LABEL;
            case Steps.REWORK -> REWORK;
            case Steps.EXPERT_REVIEW -> REVIEW;
            case Steps.DEMAND_APPROVAL -> APPROVAL;
            case Steps.LABEL_ESCALATION -> ESCALATION;
            case Steps.QC_FAILED_DECISION -> DECISION;
            default -> "other";
        };
    }

    // ---- inbox ------------------------------------------------------------------------------------------

    /**
     * The user's own tasks and the unclaimed tasks of the user's groups that the user may take, most urgent first
     * (see {@link Inbox}: a constant number of queries whatever {@code max} is).
     */
    public List<TaskView> inbox(CurrentUser user, int max) {
        return inbox.page(user, InboxQuery.mine(0, max)).tasks();
    }

    public TaskView view(Task task) {
        String kind = kindOf(task.getTaskDefinitionKey());
        Map<String, Object> vars = tasks.getVariables(task.getId(),
                List.of(Vars.VERSION_ID, Vars.NAME, Vars.ROUND, Vars.ASSIGNMENT_INDEX, Vars.REWORK_INDEX));
        Long versionId = vars.get(Vars.VERSION_ID) instanceof Number n ? n.longValue() : null;
        Integer round = vars.get(Vars.ROUND) instanceof Number n ? n.intValue() : null;
        Long packageId = null;
        Integer slot = null;
        if (LABEL.equals(kind) && versionId != null && round != null && vars.get(Vars.ASSIGNMENT_INDEX) instanceof Number idx) {
            var assignment = packages.assignment(versionId, round, idx.intValue());
            if (assignment.isPresent()) {
                packageId = assignment.get().packageId();
                slot = assignment.get().slot();
            }
        }
        if (REWORK.equals(kind) && versionId != null && round != null && vars.get(Vars.REWORK_INDEX) instanceof Number idx) {
            var rework = packages.rework(versionId, round, idx.intValue());
            if (rework.isPresent()) {
                packageId = rework.get().packageId();
                slot = rework.get().slot();
            }
        }
        List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(l -> l.getGroupId()).toList();
        return new TaskView(task.getId(), task.getName(), kind, task.getTaskDefinitionKey(), task.getProcessInstanceId(),
                versionId, (String) vars.get(Vars.NAME), round, packageId, slot, task.getAssignee(), groups,
                task.getCreateTime(), task.getDueDate(), task.getPriority());
    }

    // ---- claiming ---------------------------------------------------------------------------------------

    public Task requireTask(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw ApiException.notFound("task " + taskId);
        }
        return task;
    }

    /** 403 unless the task is the user's, or unclaimed and offered to one of the user's groups. */
    public Task requireMayWork(String taskId, CurrentUser user) {
        Task task = requireTask(taskId);
        if (user.id().equals(task.getAssignee())) {
            return task;
        }
        if (task.getAssignee() != null) {
            throw ApiException.forbidden("task " + taskId + " is claimed by " + task.getAssignee());
        }
        if (!isCandidate(task, user)) {
            throw ApiException.forbidden("task " + taskId + " is not offered to your groups " + user.groups());
        }
        return task;
    }

    private boolean isCandidate(Task task, CurrentUser user) {
        Set<String> groups = new HashSet<>(user.groups());
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
                .anyMatch(l -> user.id().equals(l.getUserId()) || (l.getGroupId() != null && groups.contains(l.getGroupId())));
    }

    @Transactional
    public TaskView claim(String taskId, CurrentUser user) {
        Task task = requireMayWork(taskId, user);
        bindLabelTask(task, user.id());
        if (task.getAssignee() == null) {
            tasks.claim(taskId, user.id());
        }
        return view(requireTask(taskId));
    }

    /**
     * Gives a task to a person chosen by a manager (assign, or reassign when someone has it). A label task's package
     * slot moves with it; the person must not label the same package in another slot.
     */
    @Transactional
    public TaskView assign(String taskId, String userId, CurrentUser by) {
        if (!by.hasRole(Roles.MANAGER) && !by.hasRole(Roles.ADMIN)) {
            throw ApiException.forbidden("only managers and admins may assign tasks to people");
        }
        Task task = requireTask(taskId);
        bindLabelTask(task, userId);
        tasks.setAssignee(taskId, userId);
        return view(requireTask(taskId));
    }

    /** Binds the package slot of a label task to {@code userId}; 409 when that person labels it in another slot. */
    private void bindLabelTask(Task task, String userId) {
        if (!LABEL.equals(kindOf(task.getTaskDefinitionKey()))) {
            return;
        }
        LabelContext ctx = labelContext(task);
        var a = ctx.assignment();
        for (var other : packages.assignmentsOfPackage(a.packageId(), a.round())) {
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
    private void recordSiblingTasks(Task task, WorkPackageRepository.Assignment bound) {
        for (var other : packages.assignmentsOfPackage(bound.packageId(), bound.round())) {
            if (other.slot() == bound.slot() || other.taskId() != null) {
                continue;
            }
            tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId()).taskDefinitionKey(Steps.LABEL)
                    .taskVariableValueEquals(Vars.ASSIGNMENT_INDEX, other.idx()).list().stream()
                    .filter(t -> !t.getId().equals(task.getId())).findFirst()
                    .ifPresent(t -> packages.recordTask(other.id(), t.getId()));
        }
    }

    @Transactional
    public void unclaim(String taskId, CurrentUser user) {
        Task task = requireTask(taskId);
        boolean manager = user.hasRole(Roles.MANAGER) || user.hasRole(Roles.ADMIN);
        if (!user.id().equals(task.getAssignee()) && !manager) {
            throw ApiException.forbidden("only the assignee or a manager can release task " + taskId);
        }
        if (REWORK.equals(kindOf(task.getTaskDefinitionKey()))) {
            throw ApiException.conflict("rework task " + taskId + " belongs to the annotator who labelled the items;"
                    + " it cannot be released");
        }
        if (LABEL.equals(kindOf(task.getTaskDefinitionKey()))) {
            LabelContext ctx = labelContext(task);
            if (packages.answeredCount(ctx.assignment().packageId(), ctx.round(), ctx.assignment().slot()) == 0) {
                packages.bindAnnotator(ctx.assignment().id(), null, null);
            }
        }
        tasks.setAssignee(taskId, null);
    }

    // ---- labelling ----------------------------------------------------------------------------------------

    LabelContext labelContext(Task task) {
        if (!LABEL.equals(kindOf(task.getTaskDefinitionKey()))) {
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
        List<String> labelSet = Arrays.stream(String.valueOf(vars.get(Vars.LABEL_SET)).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new LabelContext(task, versionId, round, assignment, labelSet);
    }

    /** What a rework task is about: the package slot of one annotator and the items the expert rejected. */
    record ReworkContext(Task task, long versionId, int round, WorkPackageRepository.Rework rework, List<String> labelSet) {
    }

    ReworkContext reworkContext(Task task) {
        Map<String, Object> vars = tasks.getVariables(task.getId(), List.of(Vars.VERSION_ID, Vars.ROUND, Vars.REWORK_INDEX,
                Vars.LABEL_SET));
        long versionId = ((Number) vars.get(Vars.VERSION_ID)).longValue();
        int round = ((Number) vars.get(Vars.ROUND)).intValue();
        int idx = ((Number) vars.get(Vars.REWORK_INDEX)).intValue();
        var rework = packages.rework(versionId, round, idx).orElseThrow(() -> ApiException.conflict("task " + task.getId()
                + " has no rework (version " + versionId + ", round " + round + ", index " + idx + ")"));
        return new ReworkContext(task, versionId, round, rework, splitLabels(vars.get(Vars.LABEL_SET)));
    }

    private static List<String> splitLabels(Object labelSet) {
        return Arrays.stream(String.valueOf(labelSet).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The package slot a label or rework task works on. */
    private record Slot(String mode, long versionId, int round, long packageId, int slot, List<String> labelSet,
                        Long reworkId) {
    }

    private Slot slotOf(Task task) {
        String kind = kindOf(task.getTaskDefinitionKey());
        if (REWORK.equals(kind)) {
            ReworkContext ctx = reworkContext(task);
            return new Slot(REWORK, ctx.versionId(), ctx.round(), ctx.rework().packageId(), ctx.rework().slot(),
                    ctx.labelSet(), ctx.rework().id());
        }
        LabelContext ctx = labelContext(task);
        return new Slot(LABEL, ctx.versionId(), ctx.round(), ctx.assignment().packageId(), ctx.assignment().slot(),
                ctx.labelSet(), null);
    }

    /**
     * Opens the package of a label task (claiming it if needed) or of a rework task (its assignee only), with the
     * user's own answers only.
     */
    @Transactional
    public PackageView openPackage(String taskId, CurrentUser user) {
        Task task = requireMayWork(taskId, user);
        if (REWORK.equals(kindOf(task.getTaskDefinitionKey())) && !user.id().equals(task.getAssignee())) {
            throw ApiException.forbidden("rework task " + taskId + " belongs to " + task.getAssignee());
        }
        if (task.getAssignee() == null) {
            claim(taskId, user);
        }
        return packageView(task, slotOf(task));
    }

    private PackageView packageView(Task task, Slot s) {
        String taskType = packages.taskTypeOfVersion(s.versionId());
        Map<Long, WorkPackageRepository.AnnotationRow> mine = new HashMap<>();
        for (var row : packages.annotations(s.packageId(), s.round())) {
            if (row.slot() == s.slot()) {
                mine.put(row.itemId(), row);
            }
        }
        Map<Long, String> gold = packages.goldAnswers(s.packageId(), s.round(), s.slot());
        Map<Long, WorkPackageRepository.ReworkItem> rework = new HashMap<>();
        if (s.reworkId() != null) {
            packages.reworkItems(s.reworkId()).forEach(r -> rework.put(r.itemId(), r));
        }
        List<PackageItemView> items = new ArrayList<>();
        int answered = 0;
        int position = 0;
        for (var e : packages.packageEntries(s.packageId())) {
            JsonNode value;
            if (e.goldId() != null) {
                value = AnnotationValues.parse(gold.get(e.itemId()));
            } else {
                var row = mine.get(e.itemId());
                value = row == null ? null : row.valueJson() != null ? AnnotationValues.parse(row.valueJson())
                        : row.label() == null ? null : AnnotationValues.ofLabel(row.label());
            }
            if (value != null) {
                answered++;
            }
            var r = rework.get(e.itemId());
            boolean editable = s.reworkId() == null || r != null;
            items.add(new PackageItemView(e.itemId(), position++, e.externalId(), e.text(), e.prelabel(), e.prelabelRule(),
                    AnnotationValues.labelOf(taskType, value), value, editable, r == null ? null : r.reason(),
                    r != null && r.fixed()));
        }
        String dataset = (String) tasks.getVariable(task.getId(), Vars.NAME);
        return new PackageView(task.getId(), s.mode(), dataset, taskType, s.packageId(), s.round(), s.slot(), s.labelSet(),
                items, answered);
    }

    /** Autosaves one answer given as a single label (the original API: {@code {"label": ..}}). */
    @Transactional
    public void annotate(String taskId, long itemId, String label, CurrentUser user) {
        annotate(taskId, itemId, AnnotationValues.ofLabel(label), user);
    }

    /** Autosaves one answer of the user's package, validated by the dataset's task type. */
    @Transactional
    public void annotate(String taskId, long itemId, JsonNode value, CurrentUser user) {
        Task task = requireTask(taskId);
        if (!user.id().equals(task.getAssignee())) {
            throw ApiException.forbidden("claim task " + taskId + " before labelling it");
        }
        Slot s = slotOf(task);
        var entry = packages.packageEntries(s.packageId()).stream().filter(e -> e.itemId() == itemId).findFirst()
                .orElseThrow(() -> ApiException.forbidden("item " + itemId + " is not in the package of task " + taskId));
        if (s.reworkId() != null && packages.reworkItems(s.reworkId()).stream().noneMatch(r -> r.itemId() == itemId)) {
            throw ApiException.forbidden("item " + itemId + " was not rejected: it is read-only in rework task " + taskId);
        }
        String taskType = packages.taskTypeOfVersion(s.versionId());
        JsonNode normalized = AnnotationValues.validate(taskType, s.labelSet(), entry.text(), value);
        if (entry.goldId() != null) {
            var gold = packages.gold(entry.goldId()).orElseThrow();
            boolean correct = normalized.equals(AnnotationValues.parse(gold.valueJson()));
            packages.saveGoldAnswer(s.versionId(), s.packageId(), gold.id(), s.round(), s.slot(), user.id(),
                    normalized.toString(), correct);
            return;
        }
        packages.saveAnnotation(s.versionId(), itemId, s.round(), s.slot(), user.id(),
                AnnotationValues.labelOf(taskType, normalized), normalized.toString());
        if (s.reworkId() != null) {
            packages.markReworkFixed(s.reworkId(), itemId);
        }
    }

    /**
     * Saves one answer and returns the package's next open item after it (wrapping round), or null when every item
     * is done: Enter in the UI is one round trip.
     */
    @Transactional
    public PackageItemView annotateAndNext(String taskId, long itemId, JsonNode value, CurrentUser user) {
        annotate(taskId, itemId, value, user);
        Task task = requireTask(taskId);
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

    // ---- review -------------------------------------------------------------------------------------------

    record ReviewContext(Task task, long versionId, int round, List<String> labelSet) {
    }

    ReviewContext reviewContext(Task task) {
        if (!REVIEW.equals(kindOf(task.getTaskDefinitionKey()))) {
            throw ApiException.badRequest("task " + task.getId() + " is not a review task");
        }
        Map<String, Object> vars = tasks.getVariables(task.getId(), List.of(Vars.VERSION_ID, Vars.ROUND, Vars.LABEL_SET));
        return new ReviewContext(task, ((Number) vars.get(Vars.VERSION_ID)).longValue(),
                ((Number) vars.get(Vars.ROUND)).intValue(),
                Arrays.stream(String.valueOf(vars.get(Vars.LABEL_SET)).split(",")).map(String::trim).toList());
    }

    /** Every item labelled in this round, both answers side by side, disagreements marked. */
    @Transactional
    public List<ReviewItemView> openReview(String taskId, CurrentUser user, boolean disagreementsOnly) {
        return openReviewView(taskId, user, disagreementsOnly).items();
    }

    @Transactional
    public ReviewView openReviewView(String taskId, CurrentUser user, boolean disagreementsOnly) {
        Task task = requireMayWork(taskId, user);
        ReviewContext ctx = reviewContext(task);
        if (task.getAssignee() == null) {
            tasks.claim(taskId, user.id());
        }
        String taskType = packages.taskTypeOfVersion(ctx.versionId());
        List<ReviewItemView> result = new ArrayList<>();
        for (long packageId : packages.packagesOfRound(ctx.versionId(), ctx.round())) {
            Map<Long, List<ReviewAnnotation>> byItem = new LinkedHashMap<>();
            packages.annotations(packageId, ctx.round()).forEach(a -> byItem.computeIfAbsent(a.itemId(), k -> new ArrayList<>())
                    .add(new ReviewAnnotation(a.slot(), a.annotator(), a.label(), valueOf(a))));
            Map<Long, WorkPackageRepository.ReviewRow> reviews = new HashMap<>();
            packages.reviews(packageId, ctx.round()).forEach(r -> reviews.put(r.itemId(), r));
            for (var item : packages.items(packageId)) {
                var anns = byItem.getOrDefault(item.itemId(), List.of());
                boolean disagreement = anns.stream().map(ReviewAnnotation::value).distinct().count() > 1;
                if (disagreementsOnly && !disagreement) {
                    continue;
                }
                var review = reviews.get(item.itemId());
                JsonNode gold = packages.goldOfItem(item.itemId()).map(g -> AnnotationValues.parse(g.valueJson())).orElse(null);
                result.add(new ReviewItemView(item.itemId(), packageId, item.externalId(), item.text(), anns, disagreement,
                        review == null ? null : review.decision(), review == null ? null : review.label(),
                        review == null ? null : AnnotationValues.parse(review.valueJson()),
                        review == null ? null : review.reason(), gold));
            }
        }
        return new ReviewView(taskId, (String) tasks.getVariable(taskId, Vars.NAME), taskType, ctx.round(), ctx.labelSet(),
                result);
    }

    private static JsonNode valueOf(WorkPackageRepository.AnnotationRow a) {
        return a.valueJson() != null ? AnnotationValues.parse(a.valueJson())
                : a.label() == null ? null : AnnotationValues.ofLabel(a.label());
    }

    /** accept (one of the answers, named by label), fix (a new label) or reject (with a reason). */
    @Transactional
    public void review(String taskId, long itemId, String decision, String label, String reason, CurrentUser user) {
        review(taskId, itemId, decision, label == null ? null : AnnotationValues.ofLabel(label), null, reason, user);
    }

    /**
     * accept (the answer of {@code slot}, or the given value), fix (a new value) or reject (with a reason, which the
     * annotators see in their rework task).
     */
    @Transactional
    public void review(String taskId, long itemId, String decision, JsonNode value, Integer slot, String reason,
                       CurrentUser user) {
        Task task = requireTask(taskId);
        if (!user.id().equals(task.getAssignee())) {
            throw ApiException.forbidden("claim task " + taskId + " before reviewing");
        }
        ReviewContext ctx = reviewContext(task);
        long packageId = requireUnderReview(ctx, itemId);
        String taskType = packages.taskTypeOfVersion(ctx.versionId());
        JsonNode chosen = value;
        switch (decision == null ? "" : decision) {
            case "accept", "fix" -> {
                if ("accept".equals(decision) && slot != null) {
                    chosen = packages.annotations(packageId, ctx.round()).stream()
                            .filter(a -> a.itemId() == itemId && a.slot() == slot).findFirst().map(LabelingService::valueOf)
                            .orElseThrow(() -> ApiException.badRequest("field 'slot': item " + itemId + " has no answer"
                                    + " in slot " + slot));
                }
                if (chosen == null) {
                    throw ApiException.badRequest("decision '" + decision + "' needs a label from " + ctx.labelSet()
                            + " or a value");
                }
                String text = packages.items(packageId).stream().filter(i -> i.itemId() == itemId).findFirst()
                        .map(WorkPackageRepository.PackageItem::text).orElse("");
                chosen = AnnotationValues.validate(taskType, ctx.labelSet(), text, chosen);
                reason = null;
            }
            case "reject" -> {
                if (reason == null || reason.isBlank()) {
                    throw ApiException.badRequest("decision 'reject' needs a reason");
                }
                chosen = null;
            }
            default -> throw ApiException.badRequest("decision must be accept, fix or reject, not '" + decision + "'");
        }
        packages.saveReview(ctx.versionId(), itemId, ctx.round(), user.id(), decision,
                AnnotationValues.labelOf(taskType, chosen), reason, chosen == null ? null : chosen.toString());
    }

    private long requireUnderReview(ReviewContext ctx, long itemId) {
        long packageId = packages.packageOfItem(itemId).orElse(-1L);
        if (!packages.packagesOfRound(ctx.versionId(), ctx.round()).contains(packageId)) {
            throw ApiException.forbidden("item " + itemId + " is not under review in this task");
        }
        return packageId;
    }

    // ---- gold ---------------------------------------------------------------------------------------------

    /**
     * Marks an item under review gold with its true answer. From the next cut of this dataset's packages on, it is
     * mixed into packages unannounced and every answer on it is scored.
     */
    @Transactional
    public void markGold(String taskId, long itemId, JsonNode value, CurrentUser user) {
        Task task = requireTask(taskId);
        if (!user.id().equals(task.getAssignee())) {
            throw ApiException.forbidden("claim task " + taskId + " before marking gold items");
        }
        ReviewContext ctx = reviewContext(task);
        long packageId = requireUnderReview(ctx, itemId);
        String text = packages.items(packageId).stream().filter(i -> i.itemId() == itemId).findFirst()
                .map(WorkPackageRepository.PackageItem::text).orElse("");
        JsonNode normalized = AnnotationValues.validate(packages.taskTypeOfVersion(ctx.versionId()), ctx.labelSet(), text,
                value);
        packages.saveGold(packages.datasetOfVersion(ctx.versionId()), itemId, normalized.toString(), user.id());
    }

    /** Each annotator's answers on gold items in a version: answered, correct, accuracy. */
    public List<WorkPackageRepository.GoldAccuracy> goldAccuracy(long versionId) {
        return packages.goldAccuracy(versionId);
    }

    // ---- rework -------------------------------------------------------------------------------------------

    /**
     * Plans the rework after a review: one rework per (package, annotator) with rejected items, numbered in package
     * and slot order. Returns the annotators in index order (the BPMN assigns instance i to the i-th).
     */
    List<String> planReworkOfRejected(long versionId, int round) {
        int pass = packages.lastReworkPass(versionId, round) + 1;
        List<String> assignees = new ArrayList<>();
        for (long packageId : packages.packagesOfRound(versionId, round)) {
            List<WorkPackageRepository.ReviewRow> rejected = packages.reviews(packageId, round).stream()
                    .filter(r -> "reject".equals(r.decision())).sorted(java.util.Comparator.comparingLong(
                            WorkPackageRepository.ReviewRow::itemId)).toList();
            if (rejected.isEmpty()) {
                continue;
            }
            for (var a : packages.assignmentsOfPackage(packageId, round)) {
                if (a.annotator() == null) {
                    continue;
                }
                long reworkId = packages.createRework(versionId, round, pass, assignees.size(), packageId, a.slot(),
                        a.annotator());
                rejected.forEach(r -> packages.addReworkItem(reworkId, r.itemId(), r.reason()));
                assignees.add(a.annotator());
            }
        }
        return assignees;
    }

    /** Final labels of a round: the expert's decision, else the answer all annotators agree on, else none. */
    void finalizeRound(long versionId, int round) {
        String taskType = packages.taskTypeOfVersion(versionId);
        for (long packageId : packages.packagesOfRound(versionId, round)) {
            finalizePackage(packageId, round, taskType);
        }
    }

    /**
     * {@link #finalizeRound} for the quality check, one transaction per package (so no transaction grows with the
     * dataset): what a process without expert review needs before QC, and a no-op repetition after a review (the
     * same inputs give the same final answers). Returns the number of packages.
     */
    public int finalizeRoundForQuality(long versionId, int round) {
        String taskType = packages.taskTypeOfVersion(versionId);
        List<Long> ids = packages.packagesOfRound(versionId, round);
        for (long packageId : ids) {
            perPackage.executeWithoutResult(status -> finalizePackage(packageId, round, taskType));
        }
        return ids.size();
    }

    private void finalizePackage(long packageId, int round, String taskType) {
        Map<Long, List<JsonNode>> values = new HashMap<>();
        packages.annotations(packageId, round)
                .forEach(a -> values.computeIfAbsent(a.itemId(), k -> new ArrayList<>()).add(valueOf(a)));
        Map<Long, WorkPackageRepository.ReviewRow> reviews = new HashMap<>();
        packages.reviews(packageId, round).forEach(r -> reviews.put(r.itemId(), r));
        int overlap = packages.assignmentsOfPackage(packageId, round).size();
        for (var item : packages.items(packageId)) {
            var review = reviews.get(item.itemId());
            if (review != null && !"reworked".equals(review.decision())) {
                boolean rejected = "reject".equals(review.decision());
                String value = rejected ? null : review.valueJson() != null ? review.valueJson()
                        : AnnotationValues.ofLabel(review.label()).toString();
                packages.setFinal(item.itemId(), rejected ? null : review.label(), value, rejected);
                continue;
            }
            List<JsonNode> given = values.getOrDefault(item.itemId(), List.of());
            boolean agreed = given.size() >= overlap && given.stream().distinct().count() == 1;
            JsonNode value = agreed ? given.get(0) : null;
            packages.setFinal(item.itemId(), AnnotationValues.labelOf(taskType, value),
                    value == null ? null : value.toString(), false);
        }
    }

    // ---- completing ------------------------------------------------------------------------------------

    private static final Map<String, Set<String>> ALLOWED_VARIABLES = Map.of(
            APPROVAL, approvalVariables(),
            DECISION, Set.of(Vars.RELEASE_ANYWAY));

    /**
     * What an approval may set: the decision, the reason of a rejection, the target size, the pre-label rules and
     * every threshold.
     */
    private static Set<String> approvalVariables() {
        Set<String> names = new HashSet<>(Set.of(Vars.APPROVED, Vars.REJECT_REASON, Vars.LABEL_RULES,
                Vars.TARGET_SIZE));
        io.refinery.workflows.Threshold.ALL.forEach(t -> names.add(t.name()));
        return Set.copyOf(names);
    }

    @Transactional
    public void complete(String taskId, Map<String, Object> variables, CurrentUser user) {
        Task task = requireMayWork(taskId, user);
        if (Processes.Feedback.REVIEW.equals(task.getTaskDefinitionKey())) {
            // its own completion checks that every model error is decided (FeedbackLoop.complete)
            throw ApiException.conflict("task " + taskId + " reviews model errors: complete it with POST /api/tasks/"
                    + taskId + "/feedback/complete once each error is confirmed or discarded");
        }
        String kind = kindOf(task.getTaskDefinitionKey());
        Map<String, Object> vars = variables == null ? Map.of() : variables;
        Set<String> allowed = ALLOWED_VARIABLES.getOrDefault(kind, Set.of());
        for (String name : vars.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("variable '" + name + "' cannot be set when completing a " + kind
                        + " task; allowed: " + allowed);
            }
        }
        Map<String, Object> typed = typed(vars);
        if (APPROVAL.equals(kind) && !(typed.get(Vars.APPROVED) instanceof Boolean)) {
            throw ApiException.badRequest("variable 'approved' (true or false) is required to complete an approval");
        }
        if (DECISION.equals(kind) && !(typed.get(Vars.RELEASE_ANYWAY) instanceof Boolean)) {
            throw ApiException.badRequest("variable 'releaseAnyway' (true or false) is required");
        }
        if (LABEL.equals(kind)) {
            LabelContext ctx = labelContext(task);
            int total = packages.packageEntries(ctx.assignment().packageId()).size();
            int answered = packages.answeredCount(ctx.assignment().packageId(), ctx.round(), ctx.assignment().slot());
            if (answered < total) {
                throw ApiException.conflict((total - answered) + " of " + total + " items of package "
                        + ctx.assignment().packageId() + " have no answer yet");
            }
        }
        if (REWORK.equals(kind)) {
            if (!user.id().equals(task.getAssignee())) {
                throw ApiException.forbidden("rework task " + taskId + " belongs to " + task.getAssignee());
            }
            ReworkContext ctx = reworkContext(task);
            var items = packages.reworkItems(ctx.rework().id());
            long open = items.stream().filter(i -> !i.fixed()).count();
            if (open > 0) {
                throw ApiException.conflict(open + " of " + items.size() + " rejected items of package "
                        + ctx.rework().packageId() + " are not fixed yet");
            }
            items.forEach(i -> packages.markReworked(i.itemId(), ctx.round()));
        }
        if (REVIEW.equals(kind)) {
            ReviewContext ctx = reviewContext(task);
            finalizeRound(ctx.versionId(), ctx.round());
            List<String> assignees = planReworkOfRejected(ctx.versionId(), ctx.round());
            typed.put(Vars.REVIEW_REWORK_COUNT, assignees.size());
            typed.put(Vars.REWORK_ASSIGNEES, String.join(",", assignees));
        }
        if (task.getAssignee() == null) {
            tasks.claim(taskId, user.id());
        }
        tasks.complete(taskId, typed);
    }

    private static Map<String, Object> typed(Map<String, Object> vars) {
        Map<String, Object> typed = new HashMap<>();
        vars.forEach((name, value) -> {
            Object v = value;
            switch (name) {
                case Vars.APPROVED, Vars.RELEASE_ANYWAY -> {
                    if (!(value instanceof Boolean)) {
                        throw ApiException.badRequest("variable '" + name + "' must be true or false, not " + value);
                    }
                }
                case Vars.TARGET_SIZE -> {
                    if (!(value instanceof Number n) || n.longValue() < 1) {
                        throw ApiException.badRequest("variable '" + name + "' must be a positive integer");
                    }
                    v = n.longValue();
                }
                case Vars.LABEL_RULES -> v = Objects.toString(value, "");
                case Vars.REJECT_REASON -> {
                    v = Objects.toString(value, "").strip();
                    if (((String) v).length() > 2000) {
                        throw ApiException.badRequest("variable '" + name + "' may have at most 2000 characters");
                    }
                }
                default -> {
                    // a threshold: the range of its one definition, the same as when the demand was filed
                    io.refinery.workflows.Threshold threshold = io.refinery.workflows.Threshold.byName(name)
                            .orElseThrow(() -> ApiException.badRequest("variable '" + name + "' is not a threshold"));
                    String problem = value instanceof Number n ? threshold.problem(n) : threshold.problem(null);
                    if (problem != null) {
                        throw ApiException.badRequest(problem);
                    }
                    v = ((Number) value).doubleValue();
                }
            }
            typed.put(name, v);
        });
        return typed;
    }

    // ---- called by workers -------------------------------------------------------------------------------

    /** {@link #planRound} of round 1. */
    @Transactional
    public int planFirstRound(long versionId, int packageSize, int overlap) {
        return planRound(versionId, 1, packageSize, overlap);
    }

    /**
     * The plan-round step: cuts the items not yet in a package into packages, then plans {@code round}: round 1 labels
     * every package; a later round relabels the packages the QC of the round before found failing, with the packages
     * never labelled (data collected since). A redo changes nothing. Returns the number of label tasks of the round.
     */
    @Transactional
    public int planRound(long versionId, int round, int packageSize, int overlap) {
        packages.createPackages(versionId, packageSize);
        int planned = packages.assignmentCount(versionId, round);
        if (planned > 0) {
            return planned;
        }
        java.util.SortedSet<Long> ids = new java.util.TreeSet<>();
        if (round == 1) {
            ids.addAll(packages.packageIds(versionId));
        } else {
            ids.addAll(quality.failingPackages(versionId, round - 1));
            ids.addAll(packages.neverAssignedPackageIds(versionId));
        }
        return packages.appendAssignments(versionId, round, List.copyOf(ids), overlap);
    }
}
