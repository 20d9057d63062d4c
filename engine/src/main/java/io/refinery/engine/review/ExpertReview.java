package io.refinery.engine.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.labeling.Answers;
import io.refinery.engine.labeling.LabelSet;
import io.refinery.engine.labeling.LabelledRounds;
import io.refinery.engine.labeling.PackageWork;
import io.refinery.engine.labeling.WorkPackages;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.tasks.TaskKind;
import io.refinery.engine.tasks.Tasks;
import io.refinery.workflows.Vars;
import io.refinery.workflows.answers.AnnotationValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An expert's review of a round: every item labelled in it with all its answers side by side (disagreements marked),
 * a decision per item (accept an answer, fix it, reject it with a reason for the annotators), and gold items.
 */
@Service
public class ExpertReview {

    public record ReviewAnnotation(int slot, String annotator, String label, JsonNode value) {
    }

    public record ReviewItemView(long itemId, long packageId, String externalId, String text,
                                 List<ReviewAnnotation> annotations, boolean disagreement, String decision,
                                 String decidedLabel, JsonNode decidedValue, String reason, JsonNode gold) {
    }

    public record ReviewView(String taskId, String datasetName, String taskType, int round, List<String> labelSet,
                             List<ReviewItemView> items) {
    }

    /** What a review task is about: the round of a version under review. */
    record ReviewContext(Task task, long versionId, int round, List<String> labelSet) {
    }

    private final Tasks humanTasks;
    private final TaskService tasks;
    private final LabelledRounds packages;
    private final Reviews reviews;

    ExpertReview(Tasks humanTasks, TaskService tasks, LabelledRounds packages, Reviews reviews) {
        this.humanTasks = humanTasks;
        this.tasks = tasks;
        this.packages = packages;
        this.reviews = reviews;
    }

    ReviewContext reviewContext(Task task) {
        if (!TaskKind.REVIEW.is(task.getTaskDefinitionKey())) {
            throw ApiException.badRequest("task " + task.getId() + " is not a review task");
        }
        Map<String, Object> vars = tasks.getVariables(task.getId(), List.of(Vars.VERSION_ID, Vars.ROUND, Vars.LABEL_SET));
        return new ReviewContext(task, ((Number) vars.get(Vars.VERSION_ID)).longValue(),
                ((Number) vars.get(Vars.ROUND)).intValue(), LabelSet.parse(vars.get(Vars.LABEL_SET)));
    }

    /** Every item labelled in this round, both answers side by side, disagreements marked. */
    @Transactional
    public List<ReviewItemView> openReview(String taskId, CurrentUser user, boolean disagreementsOnly) {
        return openReviewView(taskId, user, disagreementsOnly).items();
    }

    @Transactional
    public ReviewView openReviewView(String taskId, CurrentUser user, boolean disagreementsOnly) {
        Task task = humanTasks.requireMayWork(taskId, user);
        ReviewContext ctx = reviewContext(task);
        if (task.getAssignee() == null) {
            tasks.claim(taskId, user.id());
        }
        String taskType = packages.taskTypeOfVersion(ctx.versionId());
        List<ReviewItemView> result = new ArrayList<>();
        for (long packageId : packages.packagesOfRound(ctx.versionId(), ctx.round())) {
            Map<Long, List<ReviewAnnotation>> byItem = new LinkedHashMap<>();
            packages.annotations(packageId, ctx.round()).forEach(a -> byItem.computeIfAbsent(a.itemId(), k -> new ArrayList<>())
                    .add(new ReviewAnnotation(a.slot(), a.annotator(), a.label(), PackageWork.valueOf(a))));
            Map<Long, Reviews.ReviewRow> decided = new HashMap<>();
            reviews.reviews(packageId, ctx.round()).forEach(r -> decided.put(r.itemId(), r));
            for (var item : packages.items(packageId)) {
                var anns = byItem.getOrDefault(item.itemId(), List.of());
                boolean disagreement = AnnotationValues.disagree(anns.stream().map(ReviewAnnotation::value).toList());
                if (disagreementsOnly && !disagreement) {
                    continue;
                }
                var review = decided.get(item.itemId());
                JsonNode goldValue = packages.goldOfItem(item.itemId()).map(g -> AnnotationValues.parse(g.valueJson()))
                        .orElse(null);
                result.add(new ReviewItemView(item.itemId(), packageId, item.externalId(), item.text(), anns, disagreement,
                        review == null ? null : review.decision(), review == null ? null : review.label(),
                        review == null ? null : AnnotationValues.parse(review.valueJson()),
                        review == null ? null : review.reason(), goldValue));
            }
        }
        return new ReviewView(taskId, (String) tasks.getVariable(taskId, Vars.NAME), taskType, ctx.round(), ctx.labelSet(),
                result);
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
        Task task = humanTasks.requireAssignee(taskId, user, "reviewing");
        ReviewContext ctx = reviewContext(task);
        long packageId = requireUnderReview(ctx, itemId);
        String taskType = packages.taskTypeOfVersion(ctx.versionId());
        JsonNode chosen = value;
        switch (decision == null ? "" : decision) {
            case "accept", "fix" -> {
                if ("accept".equals(decision) && slot != null) {
                    chosen = packages.annotations(packageId, ctx.round()).stream()
                            .filter(a -> a.itemId() == itemId && a.slot() == slot).findFirst().map(PackageWork::valueOf)
                            .orElseThrow(() -> ApiException.badRequest("field 'slot': item " + itemId + " has no answer"
                                    + " in slot " + slot));
                }
                if (chosen == null) {
                    throw ApiException.badRequest("decision '" + decision + "' needs a label from " + ctx.labelSet()
                            + " or a value");
                }
                chosen = Answers.validate(taskType, ctx.labelSet(), textOf(packageId, itemId), chosen);
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
        reviews.saveReview(ctx.versionId(), itemId, ctx.round(), user.id(), decision,
                AnnotationValues.labelOf(taskType, chosen), reason, chosen == null ? null : chosen.toString());
    }

    private String textOf(long packageId, long itemId) {
        return packages.items(packageId).stream().filter(i -> i.itemId() == itemId).findFirst()
                .map(WorkPackages.PackageItem::text).orElse("");
    }

    private long requireUnderReview(ReviewContext ctx, long itemId) {
        long packageId = packages.packageOfItem(itemId).orElse(-1L);
        if (!packages.packagesOfRound(ctx.versionId(), ctx.round()).contains(packageId)) {
            throw ApiException.forbidden("item " + itemId + " is not under review in this task");
        }
        return packageId;
    }

    /**
     * Marks an item under review gold with its true answer. From the next cut of this dataset's packages on, it is
     * mixed into packages unannounced and every answer on it is scored.
     */
    @Transactional
    public void markGold(String taskId, long itemId, JsonNode value, CurrentUser user) {
        Task task = humanTasks.requireAssignee(taskId, user, "marking gold items");
        ReviewContext ctx = reviewContext(task);
        long packageId = requireUnderReview(ctx, itemId);
        JsonNode normalized = Answers.validate(packages.taskTypeOfVersion(ctx.versionId()), ctx.labelSet(),
                textOf(packageId, itemId), value);
        packages.markGold(ctx.versionId(), itemId, normalized.toString(), user.id());
    }
}
