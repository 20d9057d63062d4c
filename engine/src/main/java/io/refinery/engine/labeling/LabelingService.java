package io.refinery.engine.labeling;

import io.refinery.engine.labeling.inbox.Inbox;
import io.refinery.engine.labeling.inbox.InboxQuery;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
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
    public static final String REVIEW = "review";
    public static final String APPROVAL = "approval";
    public static final String ESCALATION = "escalation";
    public static final String DECISION = "decision";

    /** What a label task is about. */
    public record LabelContext(Task task, long versionId, int round, WorkPackageRepository.Assignment assignment,
                               List<String> labelSet) {
    }

    public record PackageView(String taskId, long packageId, int round, int slot, List<String> labelSet,
                              List<PackageItemView> items, int answered) {
    }

    public record PackageItemView(long itemId, int position, String externalId, String text, String prelabel,
                                  String prelabelRule, String answer) {
    }

    public record ReviewItemView(long itemId, long packageId, String externalId, String text, List<WorkPackageRepository.AnnotationRow> annotations,
                                 boolean disagreement, String decision, String decidedLabel) {
    }

    private final TaskService tasks;
    private final WorkPackageRepository packages;
    private final Inbox inbox;

    public LabelingService(TaskService tasks, WorkPackageRepository packages, Inbox inbox) {
        this.tasks = tasks;
        this.packages = packages;
        this.inbox = inbox;
    }

    public static String kindOf(String taskDefinitionKey) {
        return switch (taskDefinitionKey) {
            case Steps.LABEL -> LABEL;
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
                List.of(Vars.VERSION_ID, Vars.NAME, Vars.ROUND, Vars.ASSIGNMENT_INDEX));
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

    /** Opens (claiming if needed) the package of a label task, with the user's own answers only. */
    @Transactional
    public PackageView openPackage(String taskId, CurrentUser user) {
        Task task = requireMayWork(taskId, user);
        if (task.getAssignee() == null) {
            claim(taskId, user);
        }
        LabelContext ctx = labelContext(task);
        var a = ctx.assignment();
        Map<Long, String> mine = new HashMap<>();
        for (var row : packages.annotations(a.packageId(), a.round())) {
            if (row.slot() == a.slot()) {
                mine.put(row.itemId(), row.label());
            }
        }
        List<PackageItemView> items = packages.items(a.packageId()).stream()
                .map(i -> new PackageItemView(i.itemId(), i.position(), i.externalId(), i.text(), i.prelabel(),
                        i.prelabelRule(), mine.get(i.itemId())))
                .toList();
        return new PackageView(taskId, a.packageId(), a.round(), a.slot(), ctx.labelSet(), items, mine.size());
    }

    /** Autosaves one answer of the user's package. */
    @Transactional
    public void annotate(String taskId, long itemId, String label, CurrentUser user) {
        Task task = requireTask(taskId);
        if (!user.id().equals(task.getAssignee())) {
            throw ApiException.forbidden("claim task " + taskId + " before labelling it");
        }
        LabelContext ctx = labelContext(task);
        if (!ctx.labelSet().contains(label)) {
            throw ApiException.badRequest("label '" + label + "' is not in the label set " + ctx.labelSet());
        }
        long packageId = packages.packageOfItem(itemId).orElse(-1L);
        if (packageId != ctx.assignment().packageId()) {
            throw ApiException.forbidden("item " + itemId + " is not in the package of task " + taskId);
        }
        packages.saveAnnotation(ctx.versionId(), itemId, ctx.round(), ctx.assignment().slot(), user.id(), label);
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
        Task task = requireMayWork(taskId, user);
        if (task.getAssignee() == null) {
            tasks.claim(taskId, user.id());
        }
        ReviewContext ctx = reviewContext(task);
        List<ReviewItemView> result = new ArrayList<>();
        for (long packageId : packages.packagesOfRound(ctx.versionId(), ctx.round())) {
            Map<Long, List<WorkPackageRepository.AnnotationRow>> byItem = new LinkedHashMap<>();
            packages.annotations(packageId, ctx.round())
                    .forEach(a -> byItem.computeIfAbsent(a.itemId(), k -> new ArrayList<>()).add(a));
            Map<Long, WorkPackageRepository.ReviewRow> reviews = new HashMap<>();
            packages.reviews(packageId, ctx.round()).forEach(r -> reviews.put(r.itemId(), r));
            for (var item : packages.items(packageId)) {
                var anns = byItem.getOrDefault(item.itemId(), List.of());
                boolean disagreement = anns.stream().map(WorkPackageRepository.AnnotationRow::label).distinct().count() > 1;
                if (disagreementsOnly && !disagreement) {
                    continue;
                }
                var review = reviews.get(item.itemId());
                result.add(new ReviewItemView(item.itemId(), packageId, item.externalId(), item.text(), anns, disagreement,
                        review == null ? null : review.decision(), review == null ? null : review.label()));
            }
        }
        return result;
    }

    /** accept (one of the answers, named by label), fix (a new label) or reject (with a reason). */
    @Transactional
    public void review(String taskId, long itemId, String decision, String label, String reason, CurrentUser user) {
        Task task = requireTask(taskId);
        if (!user.id().equals(task.getAssignee())) {
            throw ApiException.forbidden("claim task " + taskId + " before reviewing");
        }
        ReviewContext ctx = reviewContext(task);
        long packageId = packages.packageOfItem(itemId).orElse(-1L);
        if (!packages.packagesOfRound(ctx.versionId(), ctx.round()).contains(packageId)) {
            throw ApiException.forbidden("item " + itemId + " is not under review in this task");
        }
        switch (decision) {
            case "accept", "fix" -> {
                if (label == null || !ctx.labelSet().contains(label)) {
                    throw ApiException.badRequest("decision '" + decision + "' needs a label from " + ctx.labelSet());
                }
            }
            case "reject" -> {
                if (reason == null || reason.isBlank()) {
                    throw ApiException.badRequest("decision 'reject' needs a reason");
                }
                label = null;
            }
            default -> throw ApiException.badRequest("decision must be accept, fix or reject, not '" + decision + "'");
        }
        packages.saveReview(ctx.versionId(), itemId, ctx.round(), user.id(), decision, label, reason);
    }

    /** Final labels of a round: the expert's decision, else the label all annotators agree on, else none. */
    void finalizeRound(long versionId, int round) {
        for (long packageId : packages.packagesOfRound(versionId, round)) {
            Map<Long, List<String>> labels = new HashMap<>();
            packages.annotations(packageId, round)
                    .forEach(a -> labels.computeIfAbsent(a.itemId(), k -> new ArrayList<>()).add(a.label()));
            Map<Long, WorkPackageRepository.ReviewRow> reviews = new HashMap<>();
            packages.reviews(packageId, round).forEach(r -> reviews.put(r.itemId(), r));
            int overlap = packages.assignmentsOfPackage(packageId, round).size();
            for (var item : packages.items(packageId)) {
                var review = reviews.get(item.itemId());
                if (review != null) {
                    boolean rejected = "reject".equals(review.decision());
                    packages.setFinal(item.itemId(), rejected ? null : review.label(), rejected);
                    continue;
                }
                List<String> given = labels.getOrDefault(item.itemId(), List.of());
                boolean agreed = given.size() >= overlap && given.stream().distinct().count() == 1;
                packages.setFinal(item.itemId(), agreed ? given.get(0) : null, false);
            }
        }
    }

    // ---- completing ------------------------------------------------------------------------------------

    private static final Map<String, Set<String>> ALLOWED_VARIABLES = Map.of(
            APPROVAL, Set.of(Vars.APPROVED, Vars.LABEL_RULES, Vars.TARGET_SIZE, Vars.MIN_COMPLETENESS, Vars.MIN_AGREEMENT,
                    Vars.MIN_KAPPA, Vars.MAX_DUPLICATE_RATE, Vars.MAX_SENSITIVE_RATIO),
            DECISION, Set.of(Vars.RELEASE_ANYWAY));

    @Transactional
    public void complete(String taskId, Map<String, Object> variables, CurrentUser user) {
        Task task = requireMayWork(taskId, user);
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
            int total = packages.items(ctx.assignment().packageId()).size();
            int answered = packages.answeredCount(ctx.assignment().packageId(), ctx.round(), ctx.assignment().slot());
            if (answered < total) {
                throw ApiException.conflict((total - answered) + " of " + total + " items of package "
                        + ctx.assignment().packageId() + " have no answer yet");
            }
        }
        if (REVIEW.equals(kind)) {
            ReviewContext ctx = reviewContext(task);
            finalizeRound(ctx.versionId(), ctx.round());
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
                default -> {
                    if (!(value instanceof Number n) || n.doubleValue() < -1 || n.doubleValue() > 1) {
                        throw ApiException.badRequest("threshold '" + name + "' must be a number between -1 and 1");
                    }
                    v = n.doubleValue();
                }
            }
            typed.put(name, v);
        });
        return typed;
    }

    // ---- called by workers -------------------------------------------------------------------------------

    /** Cuts the version into packages once and plans round 1; returns the number of label tasks. */
    @Transactional
    public int planFirstRound(long versionId, int packageSize, int overlap) {
        if (packages.packageCount(versionId) == 0) {
            packages.createPackages(versionId, packageSize);
        }
        return packages.createAssignments(versionId, 1, packages.packageIds(versionId), overlap);
    }

    /** Plans the next round for the packages that failed QC; returns its number of label tasks. */
    @Transactional
    public int planRework(long versionId, int nextRound, List<Long> failingPackageIds, int overlap) {
        Set<Long> known = new HashSet<>(packages.packageIds(versionId));
        for (Long id : failingPackageIds) {
            if (!known.contains(id)) {
                throw ApiException.badRequest("package " + id + " does not belong to version " + versionId);
            }
        }
        return packages.createAssignments(versionId, nextRound, failingPackageIds.stream().sorted().toList(), overlap);
    }
}
