package io.refinery.engine.quality;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The recorded QC verdicts of a version, one per round, and the packages each round found failing. */
@Repository
public class QualityResults {

    /** A recorded round: its verdict and report (JSON object text). */
    public record Recorded(int round, boolean passed, String reportJson, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;

    QualityResults(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a round's verdict; a redo of the round overwrites it, failing packages included. 400 when a failing
     * package is not one of the version's.
     */
    @Transactional
    public void record(long versionId, int round, boolean passed, String reportJson, List<Long> failingPackageIds) {
        java.util.Set<Long> known = new java.util.HashSet<>(jdbc.queryForList(
                "SELECT id FROM work_package WHERE version_id = ?", Long.class, versionId));
        for (Long id : failingPackageIds) {
            if (!known.contains(id)) {
                throw io.refinery.engine.system.ApiException.badRequest("field 'failingPackageIds': package " + id
                        + " does not belong to version " + versionId);
            }
        }
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("UPDATE quality_result SET passed = ?, report_json = ?, created_at = ? WHERE version_id = ?"
                + " AND round = ?", passed, reportJson, now, versionId, round);
        if (updated == 0) {
            jdbc.update("INSERT INTO quality_result (version_id, round, passed, report_json, created_at) VALUES (?, ?, ?, ?, ?)",
                    versionId, round, passed, reportJson, now);
        }
        jdbc.update("DELETE FROM quality_failing_package WHERE version_id = ? AND round = ?", versionId, round);
        List<Object[]> rows = failingPackageIds.stream().distinct().map(id -> new Object[] {versionId, round, id}).toList();
        jdbc.batchUpdate("INSERT INTO quality_failing_package (version_id, round, package_id) VALUES (?, ?, ?)", rows);
    }

    public List<Recorded> results(long versionId) {
        return jdbc.query("SELECT round, passed, report_json, created_at FROM quality_result WHERE version_id = ? ORDER BY round",
                (rs, i) -> new Recorded(rs.getInt(1), rs.getBoolean(2), rs.getString(3), rs.getTimestamp(4).toInstant()),
                versionId);
    }

    /** The packages the QC of {@code round} found failing, in id order (none when it passed or was not recorded). */
    public List<Long> failingPackages(long versionId, int round) {
        return jdbc.queryForList("SELECT package_id FROM quality_failing_package WHERE version_id = ? AND round = ?"
                + " ORDER BY package_id", Long.class, versionId, round);
    }
}
