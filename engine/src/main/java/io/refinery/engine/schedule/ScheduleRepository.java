package io.refinery.engine.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.stereotype.Repository;

/** The schedule and schedule_firing tables (V7_1). Deleted schedules stay, marked with who deleted them and when. */
@Repository
class ScheduleRepository {

    /** A stored schedule without its Quartz state. */
    record Row(long id, ScheduleSpec spec, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ScheduleRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long insert(ScheduleSpec spec, String user) {
        Timestamp now = Timestamp.from(Instant.now());
        Map<String, Object> row = new HashMap<>(columns(spec));
        row.put("created_by", user);
        row.put("created_at", now);
        row.put("updated_by", user);
        row.put("updated_at", now);
        return new SimpleJdbcInsert(jdbc).withTableName("schedule").usingGeneratedKeyColumns("id")
                .usingColumns(row.keySet().toArray(String[]::new)).executeAndReturnKey(row).longValue();
    }

    void update(long id, ScheduleSpec spec, String user) {
        Map<String, Object> c = columns(spec);
        jdbc.update("UPDATE schedule SET name = ?, kind = ?, cron = ?, zone = ?, params_json = ?, updated_by = ?,"
                        + " updated_at = ? WHERE id = ? AND deleted_at IS NULL", c.get("name"), c.get("kind"), c.get("cron"),
                c.get("zone"), c.get("params_json"), user, Timestamp.from(Instant.now()), id);
    }

    void markDeleted(long id, String user) {
        jdbc.update("UPDATE schedule SET deleted_by = ?, deleted_at = ? WHERE id = ? AND deleted_at IS NULL", user,
                Timestamp.from(Instant.now()), id);
    }

    private Map<String, Object> columns(ScheduleSpec spec) {
        try {
            return Map.of("name", spec.name(), "kind", spec.kind(), "cron", spec.cron(), "zone", spec.zone(),
                    "params_json", json.writeValueAsString(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SELECT = "SELECT id, params_json, created_by, created_at, updated_by, updated_at"
            + " FROM schedule WHERE deleted_at IS NULL";

    Optional<Row> find(long id) {
        return jdbc.query(SELECT + " AND id = ?", this::row, id).stream().findFirst();
    }

    List<Row> all() {
        return jdbc.query(SELECT + " ORDER BY name, id", this::row);
    }

    private Row row(ResultSet rs, int i) throws SQLException {
        try {
            return new Row(rs.getLong(1), json.readValue(rs.getString(2), ScheduleSpec.class), rs.getString(3),
                    rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getTimestamp(6).toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("schedule " + rs.getLong(1) + ": unreadable params_json", e);
        }
    }

    // ---- firings ----------------------------------------------------------------------------------------

    long insertFiring(Firing f) {
        Map<String, Object> row = new HashMap<>();
        row.put("schedule_id", f.scheduleId());
        row.put("fired_at", Timestamp.from(f.firedAt()));
        row.put("scheduled_for", f.scheduledFor() == null ? null : Timestamp.from(f.scheduledFor()));
        row.put("fired_by", f.firedBy());
        row.put("node", f.node());
        row.put("outcome", f.outcome());
        row.put("process_instance_id", f.processInstanceId());
        row.put("version_id", f.versionId());
        row.put("error", f.error() == null || f.error().length() <= 1000 ? f.error() : f.error().substring(0, 1000));
        row.put("duration_ms", f.durationMs());
        return new SimpleJdbcInsert(jdbc).withTableName("schedule_firing").usingGeneratedKeyColumns("id")
                .usingColumns(row.keySet().toArray(String[]::new)).executeAndReturnKey(row).longValue();
    }

    /** The newest firings first. */
    List<Firing> firings(long scheduleId, int limit) {
        return jdbc.query("""
                SELECT id, schedule_id, fired_at, scheduled_for, fired_by, node, outcome, process_instance_id, version_id,
                       error, duration_ms
                FROM schedule_firing WHERE schedule_id = ? ORDER BY fired_at DESC, id DESC FETCH FIRST %d ROWS ONLY"""
                .formatted(Math.max(1, Math.min(limit, 1000))), ScheduleRepository::firing, scheduleId);
    }

    private static Firing firing(ResultSet rs, int i) throws SQLException {
        Timestamp scheduledFor = rs.getTimestamp(4);
        long versionId = rs.getLong(9);
        Long version = rs.wasNull() ? null : versionId;
        return new Firing(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                scheduledFor == null ? null : scheduledFor.toInstant(), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), version, rs.getString(10), rs.getLong(11));
    }

    // ---- what a schedule and its firings need to know about datasets ---------------------------------------

    List<Schedules.DatasetRef> datasets() {
        return jdbc.query("SELECT id, name FROM dataset ORDER BY name",
                (rs, i) -> new Schedules.DatasetRef(rs.getLong(1), rs.getString(2)));
    }

    /** The demand of the dataset's newest version: the template of the next one. */
    Optional<String> newestDemand(long datasetId) {
        return jdbc.queryForList("SELECT demand_json FROM dataset_version WHERE dataset_id = ? ORDER BY id DESC"
                + " FETCH FIRST 1 ROWS ONLY", String.class, datasetId).stream().findFirst();
    }

    /** The newest version of the dataset created after {@code versionId}. */
    Optional<Long> newerVersion(long datasetId, long versionId) {
        return jdbc.queryForList("SELECT id FROM dataset_version WHERE dataset_id = ? AND id > ? ORDER BY id DESC"
                + " FETCH FIRST 1 ROWS ONLY", Long.class, datasetId, versionId).stream().findFirst();
    }
}
