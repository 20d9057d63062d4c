package io.refinery.engine.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.catalog.Consumers;
import io.refinery.engine.catalog.Grants;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Ndjson;
import io.refinery.workflows.api.WorkerApi;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Model errors in (consumers with a grant on the dataset, managers), the expert's review of them, and the hard
 * examples out (NDJSON for the next version's collect).
 */
@RestController
class FeedbackController {

    record Decision(String decision, String label) {
    }

    private final FeedbackLoop feedback;
    private final Grants grants;
    private final ObjectMapper json;

    FeedbackController(FeedbackLoop feedback, Grants grants, ObjectMapper json) {
        this.feedback = feedback;
        this.grants = grants;
        this.json = json;
    }

    /**
     * {@code {"errors":[{"itemId":12,"predicted":"a","expected":"b","note":".."}, {"text":"..","fields":{..},
     * "predicted":..,"expected":..}]}}: all entries are stored, or none (400 listing each bad entry's index and field).
     */
    @PostMapping("/api/catalog/datasets/{datasetId}/feedback")
    @PreAuthorize("isAuthenticated()")
    ResponseEntity<FeedbackLoop.Posted> post(@PathVariable long datasetId, @RequestBody JsonNode body) {
        CurrentUser user = CurrentUser.get();
        feedback.datasetName(datasetId); // 404 first
        if (!grants.mayUse(user, datasetId)) {
            throw ApiException.forbidden("no grant of yours covers dataset " + datasetId);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(feedback.post(datasetId, body, Consumers.of(user)));
    }

    @GetMapping("/api/catalog/datasets/{datasetId}/feedback")
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN','EXPERT')")
    List<FeedbackLoop.Entry> latest(@PathVariable long datasetId, @RequestParam(defaultValue = "200") int limit) {
        feedback.datasetName(datasetId);
        return feedback.latest(datasetId, limit);
    }

    @GetMapping("/api/tasks/{taskId}/feedback")
    @PreAuthorize("hasAnyRole('EXPERT','ADMIN')")
    FeedbackLoop.Review review(@PathVariable String taskId) {
        return feedback.review(taskId, CurrentUser.get());
    }

    /** {@code {"decision":"confirm","label":"b"}} (label defaults to the expected one) or {@code {"decision":"discard"}}. */
    @PutMapping("/api/tasks/{taskId}/feedback/{feedbackId}")
    @PreAuthorize("hasAnyRole('EXPERT','ADMIN')")
    FeedbackLoop.Entry decide(@PathVariable String taskId, @PathVariable long feedbackId, @RequestBody Decision body) {
        return feedback.decide(taskId, feedbackId, body.decision(), body.label(), CurrentUser.get());
    }

    @PostMapping("/api/tasks/{taskId}/feedback/complete")
    @PreAuthorize("hasAnyRole('EXPERT','ADMIN')")
    ResponseEntity<Void> complete(@PathVariable String taskId) {
        feedback.complete(taskId, CurrentUser.get());
        return ResponseEntity.noContent().build();
    }

    /**
     * NDJSON of the dataset's confirmed model errors ({@code hardExampleId, text, fields, label, contentHash,
     * sourceItemId, confirmedBy, confirmedAt}) with id above {@code after}: what the next version's collect adds.
     */
    @GetMapping(path = WorkerApi.HARD_EXAMPLES, produces = Ndjson.MEDIA_TYPE)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN','MANAGER')")
    ResponseEntity<StreamingResponseBody> hardExamples(@PathVariable long datasetId,
                                                       @RequestParam(defaultValue = "0") long after) {
        feedback.datasetName(datasetId);
        return Ndjson.response(json, out -> feedback.hardExamples(datasetId, after, h -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("hardExampleId", h.id());
            row.put("text", h.text());
            row.put("fields", h.fields());
            row.put("label", h.label());
            row.put("contentHash", h.contentHash());
            row.put("sourceItemId", h.sourceItemId());
            row.put("feedbackId", h.feedbackId());
            row.put("confirmedBy", h.confirmedBy());
            row.put("confirmedAt", h.confirmedAt().toString());
            Ndjson.write(out, row);
        }));
    }

    @ExceptionHandler(FeedbackRejected.class)
    ResponseEntity<Map<String, Object>> rejected(FeedbackRejected e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Instant.now().toString());
        body.put("status", 400);
        body.put("error", "Bad Request");
        body.put("message", e.getMessage());
        body.put("errors", e.problems());
        return ResponseEntity.badRequest().body(body);
    }
}
