package io.refinery.engine.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.dataset.DatasetVersions;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.Ndjson;
import io.refinery.workflows.api.WorkerApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The QC verdicts: what the QC worker records per round, and the recorded results. */
@RestController
class QualityController {

    private final DatasetVersions versions;
    private final QualityVerdicts results;
    private final ObjectMapper json;

    QualityController(DatasetVersions versions, QualityVerdicts results, ObjectMapper json) {
        this.versions = versions;
        this.results = results;
        this.json = json;
    }

    /**
     * Records the verdict of a round (a redo overwrites it) with the packages it found failing. Nothing is planned
     * here: the gate decides what follows, and the process's plan-round step relabels the failing packages when the
     * gate sends the round back.
     */
    @PostMapping(WorkerApi.QUALITY)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    WorkerApi.VerdictRecorded record(@PathVariable long versionId, @RequestBody WorkerApi.QualityVerdict result) {
        requireVersion(versionId);
        if (result.report() == null || !result.report().isObject()) {
            throw ApiException.badRequest("field 'report' must be a JSON object");
        }
        List<Long> failing = result.failingPackageIds() == null ? List.of() : result.failingPackageIds();
        results.record(versionId, result.round(), result.passed(), result.report().toString(), failing);
        return new WorkerApi.VerdictRecorded(result.round(), failing.size());
    }

    @GetMapping(WorkerApi.QUALITY)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN','MANAGER','EXPERT')")
    List<Map<String, Object>> results(@PathVariable long versionId) {
        requireVersion(versionId);
        return results.results(versionId).stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("round", r.round());
            row.put("passed", r.passed());
            row.put("report", Ndjson.tree(json, r.reportJson()));
            row.put("createdAt", r.createdAt());
            return row;
        }).toList();
    }

    private void requireVersion(long versionId) {
        versions.require(versionId);
    }
}
