package io.refinery.engine.dataset;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.stereotype.Repository;

/** Datasets, versions, sources and step figures: the only writer of the dataset, dataset_version, source_file and step_stats tables. */
@Repository
public class DatasetRepository {

    /** A dataset version as the API shows it. */
    public record VersionRow(long id, long datasetId, String datasetName, String taskType, String processInstanceId,
                             String status, String demandJson, String createdBy, Instant createdAt) {
    }

    public record SourceRow(long id, long versionId, String name, String sha256, long bytes, String uploadedBy,
                            Instant uploadedAt) {
    }

    private final JdbcTemplate jdbc;
    private final VersionCounts versionCounts;

    DatasetRepository(JdbcTemplate jdbc, VersionCounts versionCounts) {
        this.jdbc = jdbc;
        this.versionCounts = versionCounts;
    }

    public long datasetIdFor(String name, String taskType, String user) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM dataset WHERE name = ?", Long.class, name);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        return new SimpleJdbcInsert(jdbc).withTableName("dataset").usingGeneratedKeyColumns("id")
                .usingColumns("name", "task_type", "created_by", "created_at")
                .executeAndReturnKey(Map.of("name", name, "task_type", taskType, "created_by", user,
                        "created_at", Timestamp.from(Instant.now())))
                .longValue();
    }

    /** Whether dataset {@code datasetId} exists. */
    public boolean datasetExists(long datasetId) {
        return !jdbc.queryForList("SELECT id FROM dataset WHERE id = ?", Long.class, datasetId).isEmpty();
    }

    /** "The next release of this dataset is {@code major}.0"; null clears it. */
    public void setNextMajor(long datasetId, Integer major) {
        jdbc.update("UPDATE dataset SET next_major = ? WHERE id = ?", major, datasetId);
    }

    /**
     * Locks the dataset's row until the caller's transaction ends, on every node of the database: what serializes
     * the work of one dataset that two requests must not do side by side.
     */
    public void lockDataset(long datasetId) {
        jdbc.queryForList("SELECT id FROM dataset WHERE id = ? FOR UPDATE", Long.class, datasetId);
    }

    public void lockVersion(long versionId) {
        jdbc.queryForList("SELECT id FROM dataset_version WHERE id = ? FOR UPDATE", Long.class, versionId);
    }

    public long insertVersion(long datasetId, String demandJson, String user) {
        return new SimpleJdbcInsert(jdbc).withTableName("dataset_version").usingGeneratedKeyColumns("id")
                .usingColumns("dataset_id", "status", "demand_json", "created_by", "created_at")
                .executeAndReturnKey(Map.of("dataset_id", datasetId, "status", "RUNNING", "demand_json", demandJson,
                        "created_by", user, "created_at", Timestamp.from(Instant.now())))
                .longValue();
    }

    public void setProcessInstance(long versionId, String processInstanceId) {
        jdbc.update("UPDATE dataset_version SET process_instance_id = ? WHERE id = ?", processInstanceId, versionId);
    }

    public void setDemandJson(long versionId, String demandJson) {
        jdbc.update("UPDATE dataset_version SET demand_json = ? WHERE id = ?", demandJson, versionId);
    }

    public void setStatus(long versionId, String status) {
        jdbc.update("UPDATE dataset_version SET status = ? WHERE id = ?", status, versionId);
    }

    private static final String VERSION_SELECT = """
            SELECT v.id, v.dataset_id, d.name, d.task_type, v.process_instance_id, v.status, v.demand_json,
                   v.created_by, v.created_at
            FROM dataset_version v JOIN dataset d ON d.id = v.dataset_id""";

    public Optional<VersionRow> version(long versionId) {
        return jdbc.query(VERSION_SELECT + " WHERE v.id = ?", (rs, i) -> new VersionRow(rs.getLong(1), rs.getLong(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getTimestamp(9).toInstant()), versionId).stream().findFirst();
    }

    public List<VersionRow> versions() {
        return jdbc.query(VERSION_SELECT + " ORDER BY v.id DESC", (rs, i) -> new VersionRow(rs.getLong(1),
                rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getTimestamp(9).toInstant()));
    }

    public Optional<SourceRow> source(long versionId, String name) {
        return jdbc.query("SELECT id, version_id, name, sha256, bytes, uploaded_by, uploaded_at FROM source_file"
                + " WHERE version_id = ? AND name = ?", DatasetRepository::source, versionId, name).stream().findFirst();
    }

    public Optional<SourceRow> source(long sourceId) {
        return jdbc.query("SELECT id, version_id, name, sha256, bytes, uploaded_by, uploaded_at FROM source_file"
                + " WHERE id = ?", DatasetRepository::source, sourceId).stream().findFirst();
    }

    public List<SourceRow> sources(long versionId) {
        return jdbc.query("SELECT id, version_id, name, sha256, bytes, uploaded_by, uploaded_at FROM source_file"
                + " WHERE version_id = ? ORDER BY name", DatasetRepository::source, versionId);
    }

    private static SourceRow source(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new SourceRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getTimestamp(7).toInstant());
    }

    public long insertSource(long versionId, String name, String sha256, long bytes, String user) {
        return new SimpleJdbcInsert(jdbc).withTableName("source_file").usingGeneratedKeyColumns("id")
                .usingColumns("version_id", "name", "sha256", "bytes", "uploaded_by", "uploaded_at")
                .executeAndReturnKey(Map.of("version_id", versionId, "name", name, "sha256", sha256, "bytes", bytes,
                        "uploaded_by", user, "uploaded_at", Timestamp.from(Instant.now())))
                .longValue();
    }

    /** Upsert: the last write of a step's figures wins, so a redone step leaves the same end state. */
    public void putStats(long versionId, String step, String json) {
        upsertPerStep("UPDATE step_stats SET stats_json = ?, updated_at = ? WHERE version_id = ? AND step = ?",
                "INSERT INTO step_stats (stats_json, updated_at, version_id, step) VALUES (?, ?, ?, ?)", versionId,
                step, json);
    }

    /** A step's last progress report (JSON of {@code WorkerApi.Progress}) and when it came. */
    public record ProgressRow(String step, String progressJson, Instant updatedAt) {
    }

    /** Upsert: each report of a running step overwrites the one before. */
    public void putProgress(long versionId, String step, String json) {
        upsertPerStep("UPDATE step_progress SET progress_json = ?, updated_at = ? WHERE version_id = ? AND step = ?",
                "INSERT INTO step_progress (progress_json, updated_at, version_id, step) VALUES (?, ?, ?, ?)",
                versionId, step, json);
    }

    /**
     * One row per version and step: {@code update}, else {@code insert} (both take json, updated_at, version_id,
     * step in that order); a concurrent insert that won the race is updated instead.
     */
    private void upsertPerStep(String update, String insert, long versionId, String step, String json) {
        Timestamp now = Timestamp.from(Instant.now());
        if (jdbc.update(update, json, now, versionId, step) == 0) {
            try {
                jdbc.update(insert, json, now, versionId, step);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                jdbc.update(update, json, now, versionId, step);
            }
        }
    }

    /** Every step's last progress report, oldest first. */
    public List<ProgressRow> progress(long versionId) {
        return jdbc.query("SELECT step, progress_json, updated_at FROM step_progress WHERE version_id = ?"
                + " ORDER BY updated_at", (rs, i) -> new ProgressRow(rs.getString(1), rs.getString(2),
                rs.getTimestamp(3).toInstant()), versionId);
    }

    public Map<String, String> stats(long versionId) {
        Map<String, String> stats = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT step, stats_json FROM step_stats WHERE version_id = ? ORDER BY updated_at",
                rs -> {
                    stats.put(rs.getString(1), rs.getString(2));
                }, versionId);
        return stats;
    }

    /**
     * Row counts of a version: raw items, quarantined, items, labelled (the running counts its writes keep, one row)
     * and packages.
     */
    public Map<String, Object> counts(long versionId) {
        Map<String, Object> counts = new java.util.LinkedHashMap<>(versionCounts.counts(versionId));
        counts.put("packages", jdbc.queryForObject("SELECT COUNT(*) FROM work_package WHERE version_id = ?", Long.class,
                versionId));
        return counts;
    }
}
