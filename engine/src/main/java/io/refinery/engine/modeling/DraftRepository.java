package io.refinery.engine.modeling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Drafts and the designer's deployment log in our own tables (V4__process_models.sql). */
@Repository
class DraftRepository {
    private static final String COLUMNS = "id, name, kind, process_key, saved_by, saved_at";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    DraftRepository(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    void insert(Draft d) {
        Timestamp at = Timestamp.from(d.savedAt());
        jdbc.update("INSERT INTO model_draft (id, name, kind, process_key, xml, created_by, created_at, saved_by,"
                        + " saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", d.id(), d.name(), d.kind().name(),
                d.processKey(), d.xml(), d.savedBy(), at, d.savedBy(), at);
    }

    /** @return whether a live draft with this id was there to update */
    boolean update(Draft d) {
        return jdbc.update("UPDATE model_draft SET name = ?, kind = ?, process_key = ?, xml = ?, saved_by = ?,"
                        + " saved_at = ? WHERE id = ? AND deleted_at IS NULL", d.name(), d.kind().name(),
                d.processKey(), d.xml(), d.savedBy(), Timestamp.from(d.savedAt()), d.id()) == 1;
    }

    Optional<Draft> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + ", xml FROM model_draft WHERE id = ? AND deleted_at IS NULL",
                (rs, i) -> {
                    DraftSummary s = summary(rs, i);
                    return new Draft(s.id(), s.name(), s.kind(), s.processKey(), rs.getString(7), s.savedBy(),
                            s.savedAt());
                }, id).stream().findFirst();
    }

    List<DraftSummary> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM model_draft WHERE deleted_at IS NULL"
                + " ORDER BY saved_at DESC, id", DraftRepository::summary);
    }

    boolean markDeleted(String id, String user, Instant at) {
        return jdbc.update("UPDATE model_draft SET deleted_by = ?, deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                user, Timestamp.from(at), id) == 1;
    }

    /**
     * Records who deployed and when; {@code policyNotes} (null when none) are the reasons the manager policy would have
     * refused it, for a deploy an admin made anyway.
     */
    void recordDeployment(String deploymentId, String name, String user, Instant at, String policyNotes) {
        jdbc.update("INSERT INTO model_deployment (deployment_id, name, deployed_by, deployed_at, policy_exempt,"
                + " policy_notes) VALUES (?, ?, ?, ?, ?, ?)", deploymentId, name, user, Timestamp.from(at),
                policyNotes != null, policyNotes);
    }

    /** Whether a deployment was made by an admin with content the manager policy refuses. */
    boolean policyExempt(String deploymentId) {
        Boolean exempt = jdbc.query("SELECT policy_exempt FROM model_deployment WHERE deployment_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE, deploymentId);
        return Boolean.TRUE.equals(exempt);
    }

    /** Who deployed each of these deployments from the designer; deployments made at start-up are absent. */
    Map<String, String> deployers(Collection<String> deploymentIds) {
        Map<String, String> by = new HashMap<>();
        if (deploymentIds.isEmpty()) {
            return by;
        }
        named.query("SELECT deployment_id, deployed_by FROM model_deployment WHERE deployment_id IN (:ids)",
                new MapSqlParameterSource("ids", deploymentIds), rs -> {
                    by.put(rs.getString(1), rs.getString(2));
                });
        return by;
    }

    private static DraftSummary summary(ResultSet rs, int i) throws SQLException {
        return new DraftSummary(rs.getString(1), rs.getString(2), ModelKind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getTimestamp(6).toInstant());
    }
}
