package io.refinery.engine.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.system.ApiException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/drift-results}: the drift-check worker writes one result per process instance (a redone job overwrites
 * it with the same values); managers read them.
 */
@RestController
@RequestMapping("/api/drift-results")
class DriftController {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    DriftController(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @PutMapping("/{processInstanceId}")
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    DriftResult put(@PathVariable String processInstanceId, @RequestBody DriftResult body) {
        for (double v : new double[] {body.psi(), body.tvd(), body.anomalyRatio()}) {
            if (Double.isNaN(v) || v < 0) {
                throw ApiException.badRequest("psi, tvd and anomalyRatio must be numbers of at least 0");
            }
        }
        String report = body.report() == null ? "{}" : body.report().toString();
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("UPDATE drift_result SET psi = ?, tvd = ?, anomaly_ratio = ?, exceeded = ?, report_json = ?,"
                        + " updated_at = ? WHERE process_instance_id = ?", body.psi(), body.tvd(), body.anomalyRatio(),
                body.exceeded(), report, now, processInstanceId);
        if (updated == 0) {
            jdbc.update("INSERT INTO drift_result (process_instance_id, dataset_id, reference_version_id, new_version_id,"
                            + " psi, tvd, anomaly_ratio, exceeded, report_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    processInstanceId, body.datasetId(), body.referenceVersionId(), body.newVersionId(), body.psi(),
                    body.tvd(), body.anomalyRatio(), body.exceeded(), report, now);
        }
        return find(processInstanceId).get(0);
    }

    @GetMapping("/{processInstanceId}")
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
    DriftResult get(@PathVariable String processInstanceId) {
        List<DriftResult> found = find(processInstanceId);
        if (found.isEmpty()) {
            throw ApiException.notFound("drift result of process instance " + processInstanceId);
        }
        return found.get(0);
    }

    /** The newest first. */
    @GetMapping
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
    List<DriftResult> list(@RequestParam long datasetId) {
        return jdbc.query(SELECT + " WHERE dataset_id = ? ORDER BY updated_at DESC FETCH FIRST 100 ROWS ONLY",
                (rs, i) -> row(rs), datasetId);
    }

    private static final String SELECT = "SELECT process_instance_id, dataset_id, reference_version_id, new_version_id,"
            + " psi, tvd, anomaly_ratio, exceeded, report_json, updated_at FROM drift_result";

    private List<DriftResult> find(String processInstanceId) {
        return jdbc.query(SELECT + " WHERE process_instance_id = ?", (rs, i) -> row(rs), processInstanceId);
    }

    private DriftResult row(java.sql.ResultSet rs) throws java.sql.SQLException {
        JsonNode report;
        try {
            report = json.readTree(rs.getString(9));
        } catch (JsonProcessingException e) {
            report = json.nullNode();
        }
        return new DriftResult(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5),
                rs.getDouble(6), rs.getDouble(7), rs.getBoolean(8), report, rs.getTimestamp(10).toInstant());
    }
}
