package io.refinery.engine.catalog;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Grants: a consumer may read the released versions of one dataset that a version range covers, for an intended use.
 * Revoking keeps the row (who and when). Without a grant a consumer gets 403 on that dataset.
 */
@Service
public class Grants {

    public record Grant(long id, String consumer, long datasetId, String datasetName, String versionRange,
                        String intendedUse, String createdBy, Instant createdAt, String revokedBy, Instant revokedAt) {

        /** Whether this grant opens version {@code label} of dataset {@code datasetId}. */
        public boolean covers(long dataset, String label) {
            return datasetId == dataset && VersionRange.parse(versionRange).contains(label);
        }
    }

    private final JdbcTemplate jdbc;

    public Grants(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Grant create(String consumer, long datasetId, String versionRange, String intendedUse, String user) {
        String who = Consumers.normalize(consumer);
        if (!who.matches("(user|token):[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}")) {
            throw ApiException.badRequest("consumer '" + consumer + "': a user id, or token:<token name>");
        }
        try {
            VersionRange.parse(versionRange);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (intendedUse == null || intendedUse.isBlank() || intendedUse.length() > 1000) {
            throw ApiException.badRequest("intendedUse: say what the data will be used for (1 to 1000 characters)");
        }
        if (jdbc.queryForList("SELECT id FROM dataset WHERE id = ?", Long.class, datasetId).isEmpty()) {
            throw ApiException.notFound("dataset " + datasetId);
        }
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO catalog_grant (consumer, dataset_id, version_range, intended_use,"
                    + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, who);
            ps.setLong(2, datasetId);
            ps.setString(3, versionRange.trim());
            ps.setString(4, intendedUse.trim());
            ps.setString(5, user);
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            return ps;
        }, keys);
        long id = keys.getKey().longValue();
        return query(" WHERE g.id = ?", id).get(0);
    }

    public void revoke(long id, String user) {
        if (query(" WHERE g.id = ?", id).isEmpty()) {
            throw ApiException.notFound("grant " + id);
        }
        jdbc.update("UPDATE catalog_grant SET revoked_by = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL", user,
                Timestamp.from(Instant.now()), id);
    }

    public List<Grant> all() {
        return query(" ORDER BY g.id DESC");
    }

    /** The consumer's grants that are not revoked. */
    public List<Grant> active(String consumer) {
        return query(" WHERE g.consumer = ? AND g.revoked_at IS NULL ORDER BY g.id", consumer);
    }

    /** True when the user reads everything or holds an active grant whose range covers {@code label}. */
    public boolean mayRead(CurrentUser user, long datasetId, String label) {
        if (Consumers.readsAll(user)) {
            return true;
        }
        return active(Consumers.of(user)).stream().anyMatch(g -> g.covers(datasetId, label));
    }

    /** True when the user reads everything or holds any active grant on the dataset. */
    public boolean mayUse(CurrentUser user, long datasetId) {
        return Consumers.readsAll(user) || active(Consumers.of(user)).stream().anyMatch(g -> g.datasetId() == datasetId);
    }

    private List<Grant> query(String where, Object... args) {
        return jdbc.query("""
                SELECT g.id, g.consumer, g.dataset_id, d.name, g.version_range, g.intended_use, g.created_by,
                       g.created_at, g.revoked_by, g.revoked_at
                FROM catalog_grant g JOIN dataset d ON d.id = g.dataset_id""" + where, (rs, i) -> {
            Timestamp revoked = rs.getTimestamp(10);
            return new Grant(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9),
                    revoked == null ? null : revoked.toInstant());
        }, args);
    }
}
