package io.refinery.engine.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The human task inbox over HTTP: the same calls the UI makes, for remote clients and the demo bots. */
@RestController
@RequestMapping("/api")
class TaskController {
    static final String PEOPLE = "hasAnyRole('MANAGER','ANNOTATOR','EXPERT','ADMIN')";

    /** {@code {"label": ..}} (single-label classification, the original form) or {@code {"value": {..}}}. */
    record Answer(String label, JsonNode value) {
        JsonNode resolved() {
            if (value != null) {
                return value;
            }
            if (label == null) {
                throw ApiException.badRequest("field 'value' (or 'label') is required");
            }
            return AnnotationValues.ofLabel(label);
        }
    }

    /** accept with {@code slot} (take that answer) or {@code label}/{@code value}; fix with label or value; reject with reason. */
    record Decision(String decision, String label, String reason, JsonNode value, Integer slot) {
    }

    record GoldValue(JsonNode value, String label) {
    }

    record Completion(Map<String, Object> variables) {
    }

    /** @param round only for the older {@code /packages} form: the round to plan (1 when absent) */
    record Plan(int packageSize, int overlap, Integer round) {
    }

    private final LabelingService labeling;

    TaskController(LabelingService labeling) {
        this.labeling = labeling;
    }

    @GetMapping("/tasks")
    @PreAuthorize(PEOPLE)
    List<TaskView> inbox(@RequestParam(defaultValue = "200") int max) { // kept for the demo bots; see /api/inbox
        return labeling.inbox(CurrentUser.get(), Math.min(Math.max(max, 1), 1000));
    }

    @GetMapping("/tasks/{taskId}")
    @PreAuthorize(PEOPLE)
    TaskView task(@PathVariable String taskId) {
        return labeling.view(labeling.requireMayWork(taskId, CurrentUser.get()));
    }

    @PostMapping("/tasks/{taskId}/claim")
    @PreAuthorize(PEOPLE)
    TaskView claim(@PathVariable String taskId) {
        return labeling.claim(taskId, CurrentUser.get());
    }

    @PostMapping("/tasks/{taskId}/unclaim")
    @PreAuthorize(PEOPLE)
    ResponseEntity<Void> unclaim(@PathVariable String taskId) {
        labeling.unclaim(taskId, CurrentUser.get());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/tasks/{taskId}/package")
    @PreAuthorize("hasAnyRole('ANNOTATOR','EXPERT','ADMIN')")
    LabelingService.PackageView workPackage(@PathVariable String taskId) {
        return labeling.openPackage(taskId, CurrentUser.get());
    }

    @PutMapping("/tasks/{taskId}/items/{itemId}/annotation")
    @PreAuthorize("hasAnyRole('ANNOTATOR','EXPERT','ADMIN')")
    ResponseEntity<Void> annotate(@PathVariable String taskId, @PathVariable long itemId, @RequestBody Answer answer) {
        labeling.annotate(taskId, itemId, answer.resolved(), CurrentUser.get());
        return ResponseEntity.noContent().build();
    }

    /** Saves the answer and returns the next open item of the package (204 when none is left). */
    @PutMapping("/tasks/{taskId}/items/{itemId}/annotation-and-next")
    @PreAuthorize("hasAnyRole('ANNOTATOR','EXPERT','ADMIN')")
    ResponseEntity<LabelingService.PackageItemView> annotateAndNext(@PathVariable String taskId, @PathVariable long itemId,
                                                                    @RequestBody Answer answer) {
        var next = labeling.annotateAndNext(taskId, itemId, answer.resolved(), CurrentUser.get());
        return next == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(next);
    }

    /** Marks an item under review gold with its true answer (an expert on the review task). */
    @PutMapping("/tasks/{taskId}/items/{itemId}/gold")
    @PreAuthorize("hasAnyRole('EXPERT','ADMIN')")
    ResponseEntity<Void> gold(@PathVariable String taskId, @PathVariable long itemId, @RequestBody GoldValue gold) {
        JsonNode value = gold.value() != null ? gold.value() : gold.label() == null ? null : AnnotationValues.ofLabel(gold.label());
        labeling.markGold(taskId, itemId, value, CurrentUser.get());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/versions/{versionId}/gold-accuracy")
    @PreAuthorize("hasAnyRole('MANAGER','EXPERT','ADMIN')")
    List<Map<String, Object>> goldAccuracy(@PathVariable long versionId) {
        return labeling.goldAccuracy(versionId).stream().map(a -> Map.<String, Object>of("annotator", a.annotator(),
                "answered", a.answered(), "correct", a.correct(), "accuracy", a.accuracy())).toList();
    }

    @GetMapping("/tasks/{taskId}/review")
    @PreAuthorize("hasAnyRole('EXPERT','ADMIN')")
    List<LabelingService.ReviewItemView> review(@PathVariable String taskId,
                                                @RequestParam(defaultValue = "false") boolean disagreementsOnly) {
        return labeling.openReview(taskId, CurrentUser.get(), disagreementsOnly);
    }

    @PutMapping("/tasks/{taskId}/items/{itemId}/review")
    @PreAuthorize("hasAnyRole('EXPERT','ADMIN')")
    ResponseEntity<Void> decide(@PathVariable String taskId, @PathVariable long itemId, @RequestBody Decision d) {
        JsonNode value = d.value() != null ? d.value() : d.label() == null ? null : AnnotationValues.ofLabel(d.label());
        labeling.review(taskId, itemId, d.decision(), value, d.slot(), d.reason(), CurrentUser.get());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/tasks/{taskId}/complete")
    @PreAuthorize(PEOPLE)
    ResponseEntity<Void> complete(@PathVariable String taskId, @RequestBody(required = false) Completion completion) {
        labeling.complete(taskId, completion == null ? null : completion.variables(), CurrentUser.get());
        return ResponseEntity.noContent().build();
    }

    /**
     * The plan-round step: cuts the items not yet in a package and plans the round: every package in round 1; in a
     * later round the packages the QC of the round before found failing, with the packages cut since.
     */
    @PostMapping("/versions/{versionId}/rounds/{round}/plan")
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    Map<String, Integer> planRound(@PathVariable long versionId, @PathVariable int round, @RequestBody Plan plan) {
        if (plan.packageSize() < 1 || plan.overlap() < 1 || plan.overlap() > 5) {
            throw ApiException.badRequest("packageSize must be ≥ 1 and overlap 1..5");
        }
        if (round < 1) {
            throw ApiException.badRequest("round must be ≥ 1");
        }
        return Map.of("round", round, "labelTaskCount", labeling.planRound(versionId, round, plan.packageSize(),
                plan.overlap()));
    }

    /** The plan-round step as the pre-label worker called it before it was a step of its own (round in the body). */
    @PostMapping("/versions/{versionId}/packages")
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    Map<String, Integer> plan(@PathVariable long versionId, @RequestBody Plan plan) {
        return planRound(versionId, plan.round() == null ? 1 : plan.round(), plan);
    }
}
