package io.refinery.engine.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.dataset.DatasetRepository;
import io.refinery.engine.labeling.LabelingService;
import io.refinery.engine.labeling.WorkPackageRepository;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.Ndjson;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** What the QC worker reads, what it writes back, and the recorded results. */
@RestController
@RequestMapping("/api/versions/{versionId}")
class QualityController {

    /** A QC result: the round it judged, the verdict, the full report and the packages that must be redone. */
    record QualityResult(int round, boolean passed, JsonNode report, List<Long> failingPackageIds, int overlap) {
    }

    private final JdbcTemplate jdbc;
    private final WorkPackageRepository packages;
    private final DatasetRepository datasets;
    private final LabelingService labeling;
    private final QualityResults results;
    private final ObjectMapper json;

    QualityController(JdbcTemplate jdbc, WorkPackageRepository packages, DatasetRepository datasets,
                      LabelingService labeling, QualityResults results, ObjectMapper json) {
        this.results = results;
        this.jdbc = jdbc;
        this.packages = packages;
        this.datasets = datasets;
        this.labeling = labeling;
        this.json = json;
    }

    /**
     * NDJSON, one line per item: its package, text, the answers of the latest round that labelled its package (label
     * and whole value), the final label and value, whether the expert rejected it, and for timeliness its metadata
     * and when its source file was uploaded ({@code null} for folder sources).
     */
    @GetMapping(path = "/qc-items", produces = Ndjson.MEDIA_TYPE)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN','MANAGER')")
    org.springframework.http.ResponseEntity<StreamingResponseBody> qcItems(@PathVariable long versionId) {
        requireVersion(versionId);
        Map<Long, Integer> rounds = packages.latestRounds(versionId);
        return Ndjson.response(json, out -> {
            for (Map.Entry<Long, Integer> e : new java.util.TreeMap<>(rounds).entrySet()) {
                Map<Long, List<Map<String, Object>>> answers = new HashMap<>();
                for (var a : packages.annotations(e.getKey(), e.getValue())) {
                    Map<String, Object> ann = new LinkedHashMap<>();
                    ann.put("slot", a.slot());
                    ann.put("annotator", a.annotator());
                    ann.put("label", a.label());
                    ann.put("value", Ndjson.tree(json, a.valueJson()));
                    answers.computeIfAbsent(a.itemId(), k -> new ArrayList<>()).add(ann);
                }
                jdbc.query("SELECT i.id, i.text, i.final_label, i.rejected, i.final_value_json, i.meta_json, s.uploaded_at"
                        + " FROM item i LEFT JOIN source_file s ON s.version_id = i.version_id AND s.name = i.source"
                        + " WHERE i.package_id = ? ORDER BY i.position", rs -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("itemId", rs.getLong(1));
                    row.put("packageId", e.getKey());
                    row.put("round", e.getValue());
                    row.put("text", rs.getString(2));
                    row.put("annotations", answers.getOrDefault(rs.getLong(1), List.of()));
                    row.put("finalLabel", rs.getString(3));
                    row.put("rejected", rs.getBoolean(4));
                    row.put("finalValue", Ndjson.tree(json, rs.getString(5)));
                    row.put("meta", Ndjson.tree(json, rs.getString(6)));
                    Timestamp uploaded = rs.getTimestamp(7);
                    row.put("uploadedAt", uploaded == null ? null : uploaded.toInstant().toString());
                    Ndjson.write(out, row);
                }, e.getKey());
            }
        });
    }

    /**
     * NDJSON, one line per answer given on a gold item in this version: who, in which round and package, the answer,
     * the true answer and whether the engine judged it equal.
     */
    @GetMapping(path = "/qc-gold", produces = Ndjson.MEDIA_TYPE)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN','MANAGER')")
    org.springframework.http.ResponseEntity<StreamingResponseBody> qcGold(@PathVariable long versionId) {
        requireVersion(versionId);
        return Ndjson.response(json, out -> jdbc.query("SELECT a.annotator, a.round, a.package_id, a.gold_id, a.value_json,"
                + " g.value_json, a.correct FROM gold_answer a JOIN gold_item g ON g.id = a.gold_id WHERE a.version_id = ?"
                + " ORDER BY a.id", rs -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("annotator", rs.getString(1));
                    row.put("round", rs.getInt(2));
                    row.put("packageId", rs.getLong(3));
                    row.put("goldId", rs.getLong(4));
                    row.put("value", Ndjson.tree(json, rs.getString(5)));
                    row.put("goldValue", Ndjson.tree(json, rs.getString(6)));
                    row.put("correct", rs.getBoolean(7));
                    Ndjson.write(out, row);
                }, versionId));
    }

    /**
     * Sets the final answers of a round before QC reads them: the expert's decisions where there was a review, else
     * the answer all annotators agree on. A process without expert review needs it; after a review it changes
     * nothing. One transaction per package.
     */
    @PostMapping("/rounds/{round}/finalize")
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    Map<String, Object> finalizeRound(@PathVariable long versionId, @PathVariable int round) {
        requireVersion(versionId);
        return Map.of("round", round, "packages", labeling.finalizeRoundForQuality(versionId, round));
    }

    /**
     * Records the verdict of a round (a redo overwrites it) with the packages it found failing. Nothing else: what
     * follows from a failed round is decided by the gate and planned after it (the plan-round step).
     */
    @PostMapping("/quality")
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    Map<String, Object> record(@PathVariable long versionId, @RequestBody QualityResult result) {
        requireVersion(versionId);
        if (result.report() == null || !result.report().isObject()) {
            throw ApiException.badRequest("field 'report' must be a JSON object");
        }
        List<Long> failing = result.failingPackageIds() == null ? List.of() : result.failingPackageIds();
        results.record(versionId, result.round(), result.passed(), result.report().toString(), failing);
        return Map.of("round", result.round(), "failingPackages", failing.size());
    }

    @GetMapping("/quality")
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
        datasets.version(versionId).orElseThrow(() -> ApiException.notFound("dataset version " + versionId));
    }
}
