package io.refinery.engine.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.dataset.DatasetVersions;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.workflows.answers.AnnotationValues;
import io.refinery.workflows.api.WorkerApi;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Expert review over HTTP: the round's items, a decision per item, gold items; and the final answers of a round. */
@RestController
class ReviewController {

    /** accept with {@code slot} (take that answer) or {@code label}/{@code value}; fix with label or value; reject with reason. */
    record Decision(String decision, String label, String reason, JsonNode value, Integer slot) {
    }

    record GoldValue(JsonNode value, String label) {
    }

    private final ExpertReview review;
    private final FinalAnswers finals;
    private final DatasetVersions versions;

    ReviewController(ExpertReview review, FinalAnswers finals, DatasetVersions versions) {
        this.review = review;
        this.finals = finals;
        this.versions = versions;
    }

    @GetMapping("/api/tasks/{taskId}/review")
    @PreAuthorize("hasAnyRole('EXPERT','ADMIN')")
    List<ExpertReview.ReviewItemView> review(@PathVariable String taskId,
                                             @RequestParam(defaultValue = "false") boolean disagreementsOnly) {
        return review.openReview(taskId, CurrentUser.get(), disagreementsOnly);
    }

    @PutMapping("/api/tasks/{taskId}/items/{itemId}/review")
    @PreAuthorize("hasAnyRole('EXPERT','ADMIN')")
    ResponseEntity<Void> decide(@PathVariable String taskId, @PathVariable long itemId, @RequestBody Decision d) {
        JsonNode value = d.value() != null ? d.value() : d.label() == null ? null : AnnotationValues.ofLabel(d.label());
        review.review(taskId, itemId, d.decision(), value, d.slot(), d.reason(), CurrentUser.get());
        return ResponseEntity.noContent().build();
    }

    /** Marks an item under review gold with its true answer (an expert on the review task). */
    @PutMapping("/api/tasks/{taskId}/items/{itemId}/gold")
    @PreAuthorize("hasAnyRole('EXPERT','ADMIN')")
    ResponseEntity<Void> gold(@PathVariable String taskId, @PathVariable long itemId, @RequestBody GoldValue gold) {
        JsonNode value = gold.value() != null ? gold.value() : gold.label() == null ? null : AnnotationValues.ofLabel(gold.label());
        review.markGold(taskId, itemId, value, CurrentUser.get());
        return ResponseEntity.noContent().build();
    }

    /**
     * Sets the final answers of a round before QC reads them: the expert's decisions where there was a review, else
     * the answer all annotators agree on. A process without expert review needs it; after a review it changes
     * nothing. One transaction per package.
     */
    @PostMapping(WorkerApi.FINALIZE_ROUND)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    Map<String, Object> finalizeRound(@PathVariable long versionId, @PathVariable int round) {
        versions.require(versionId);
        return Map.of("round", round, "packages", finals.finalizeRoundForQuality(versionId, round));
    }
}
