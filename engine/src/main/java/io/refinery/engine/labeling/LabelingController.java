package io.refinery.engine.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.dataset.DatasetVersions;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Ndjson;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Package work over HTTP (open, answer), the plan-round step, gold accuracy and what QC reads. */
@RestController
class LabelingController {

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

    private final PackageWork work;
    private final RoundPlanning planning;
    private final QcExport qc;
    private final DatasetVersions versions;
    private final ObjectMapper json;

    LabelingController(PackageWork work, RoundPlanning planning, QcExport qc, DatasetVersions versions,
                       ObjectMapper json) {
        this.work = work;
        this.planning = planning;
        this.qc = qc;
        this.versions = versions;
        this.json = json;
    }

    @GetMapping("/api/tasks/{taskId}/package")
    @PreAuthorize("hasAnyRole('ANNOTATOR','EXPERT','ADMIN')")
    PackageWork.PackageView workPackage(@PathVariable String taskId) {
        return work.openPackage(taskId, CurrentUser.get());
    }

    @PutMapping("/api/tasks/{taskId}/items/{itemId}/annotation")
    @PreAuthorize("hasAnyRole('ANNOTATOR','EXPERT','ADMIN')")
    ResponseEntity<Void> annotate(@PathVariable String taskId, @PathVariable long itemId, @RequestBody Answer answer) {
        work.annotate(taskId, itemId, answer.resolved(), CurrentUser.get());
        return ResponseEntity.noContent().build();
    }

    /** Saves the answer and returns the next open item of the package (204 when none is left). */
    @PutMapping("/api/tasks/{taskId}/items/{itemId}/annotation-and-next")
    @PreAuthorize("hasAnyRole('ANNOTATOR','EXPERT','ADMIN')")
    ResponseEntity<PackageWork.PackageItemView> annotateAndNext(@PathVariable String taskId, @PathVariable long itemId,
                                                                @RequestBody Answer answer) {
        var next = work.annotateAndNext(taskId, itemId, answer.resolved(), CurrentUser.get());
        return next == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(next);
    }

    @GetMapping("/api/versions/{versionId}/gold-accuracy")
    @PreAuthorize("hasAnyRole('MANAGER','EXPERT','ADMIN')")
    List<Map<String, Object>> goldAccuracy(@PathVariable long versionId) {
        return work.goldAccuracy(versionId).stream().map(a -> Map.<String, Object>of("annotator", a.annotator(),
                "answered", a.answered(), "correct", a.correct(), "accuracy", a.accuracy())).toList();
    }

    /**
     * The plan-round step (its worker calls this): cuts the items not yet in a package and plans the round, every
     * package in round 1, later the packages the previous round's QC found failing and any new ones.
     */
    @PostMapping(WorkerApi.PLAN_ROUND)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    WorkerApi.PlannedRound planRound(@PathVariable long versionId, @PathVariable int round,
                                     @RequestBody WorkerApi.RoundPlanRequest plan) {
        if (plan.packageSize() < 1 || plan.overlap() < 1 || plan.overlap() > 5) {
            throw ApiException.badRequest("packageSize must be ≥ 1 and overlap 1..5");
        }
        if (round < 1) {
            throw ApiException.badRequest("round must be ≥ 1");
        }
        requireVersion(versionId);
        return new WorkerApi.PlannedRound(round, planning.planRound(versionId, round, plan.packageSize(),
                plan.overlap()));
    }

    /** NDJSON, one line per item of the version with its answers and final answer ({@link QcExport#writeItems}). */
    @GetMapping(path = WorkerApi.QC_ITEMS, produces = Ndjson.MEDIA_TYPE)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN','MANAGER')")
    ResponseEntity<StreamingResponseBody> qcItems(@PathVariable long versionId) {
        requireVersion(versionId);
        return Ndjson.response(json, out -> qc.writeItems(versionId, out));
    }

    /** NDJSON, one line per answer given on a gold item ({@link QcExport#writeGoldAnswers}). */
    @GetMapping(path = WorkerApi.QC_GOLD, produces = Ndjson.MEDIA_TYPE)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN','MANAGER')")
    ResponseEntity<StreamingResponseBody> qcGold(@PathVariable long versionId) {
        requireVersion(versionId);
        return Ndjson.response(json, out -> qc.writeGoldAnswers(versionId, out));
    }

    private void requireVersion(long versionId) {
        versions.require(versionId);
    }
}
