package io.refinery.engine.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The drift results the drift-check worker wrote, one per process instance (table {@code drift_result}). */
@Service
public class DriftResults {
    private static final String SELECT = "SELECT process_instance_id, dataset_id, reference_version_id, new_version_id,"
            + " psi, tvd, anomaly_ratio, exceeded, report_json, updated_at FROM drift_result";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    DriftResults(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores the result of a run; a redone job overwrites it. */
    DriftResult put(String processInstanceId, DriftResult body) {
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
        return of(processInstanceId).orElseThrow();
    }

    /** The result of one drift-check run, if its worker wrote one. */
    public Optional<DriftResult> of(String processInstanceId) {
        return jdbc.query(SELECT + " WHERE process_instance_id = ?", (rs, i) -> row(rs), processInstanceId).stream()
                .findFirst();
    }

    /** A dataset's results, the newest first (at most 100). */
    public List<DriftResult> ofDataset(long datasetId) {
        return jdbc.query(SELECT + " WHERE dataset_id = ? ORDER BY updated_at DESC FETCH FIRST 100 ROWS ONLY",
                (rs, i) -> row(rs), datasetId);
    }

    private DriftResult row(ResultSet rs) throws SQLException {
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
