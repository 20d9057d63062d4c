package io.refinery.engine.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Every page read and download of released data: who (user or token), dataset, version, what, how much, when. */
@Service
public class UsageLog {
    public static final String PAGE = "page";
    public static final String BUNDLE = "bundle";

    public record Usage(long id, String consumer, long datasetId, String datasetName, Long releaseId, String label,
                        String action, String detail, long items, long bytes, Instant at) {
    }

    private final JdbcTemplate jdbc;

    public UsageLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String consumer, long datasetId, Long releaseId, String label, String action, String detail,
                       long items, long bytes) {
        jdbc.update("INSERT INTO catalog_usage (consumer, dataset_id, release_id, label, action, detail, items, bytes, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", consumer, datasetId, releaseId, label, action,
                detail == null || detail.length() <= 200 ? detail : detail.substring(0, 200), items, bytes,
                Timestamp.from(Instant.now()));
    }

    /** Newest first; {@code datasetId} null = every dataset. */
    public List<Usage> latest(Long datasetId, int limit) {
        String where = datasetId == null ? "" : " WHERE u.dataset_id = " + datasetId.longValue();
        return jdbc.query("""
                SELECT u.id, u.consumer, u.dataset_id, d.name, u.release_id, u.label, u.action, u.detail, u.items,
                       u.bytes, u.at
                FROM catalog_usage u JOIN dataset d ON d.id = u.dataset_id""" + where + " ORDER BY u.id DESC LIMIT ?",
                (rs, i) -> {
                    long release = rs.getLong(5);
                    return new Usage(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.wasNull() ? null : release, rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getLong(9), rs.getLong(10), rs.getTimestamp(11).toInstant());
                }, Math.max(1, Math.min(limit, 1000)));
    }
}
