package io.refinery.engine.dataset;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The upload sessions of table {@code source_upload}; only {@link SourceUploads} uses it. */
@Repository
class SourceUploadRepository {

    private final JdbcTemplate jdbc;

    SourceUploadRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, long versionId, String name, long size, String contentType, String user) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                INSERT INTO source_upload (id, version_id, name, size_bytes, content_type, received, status, started_by,
                                           started_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""", id, versionId, name, size, contentType,
                SourceUploads.Status.OPEN.name(), user, now, now);
    }

    Optional<SourceUploads.Session> find(String id) {
        return jdbc.query("""
                SELECT id, version_id, name, size_bytes, content_type, received, status, source_id, started_by,
                       started_at, updated_at FROM source_upload WHERE id = ?""",
                (rs, i) -> new SourceUploads.Session(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getLong(6), SourceUploads.Status.valueOf(rs.getString(7)),
                        (Long) rs.getObject(8, Long.class), rs.getString(9), rs.getTimestamp(10).toInstant(),
                        rs.getTimestamp(11).toInstant()), id).stream().findFirst();
    }

    /** Moves {@code received} on from {@code expected}; false when another request moved it first. */
    boolean received(String id, long expected, long received) {
        return jdbc.update("UPDATE source_upload SET received = ?, updated_at = ? WHERE id = ? AND received = ? AND status = ?",
                received, Timestamp.from(Instant.now()), id, expected, SourceUploads.Status.OPEN.name()) == 1;
    }

    void close(String id, SourceUploads.Status status, Long sourceId) {
        jdbc.update("UPDATE source_upload SET status = ?, source_id = ?, updated_at = ? WHERE id = ?",
                status.name(), sourceId, Timestamp.from(Instant.now()), id);
    }
}
