package io.refinery.engine.review;

import io.refinery.engine.labeling.LabelledRounds;
import io.refinery.engine.labeling.WorkPackages;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The expert's decisions per item and round, and the rework they ask for (per annotator, with the rejected items). */
@Repository
public class Reviews {

    public record ReviewRow(long itemId, String reviewer, String decision, String label, String reason, String valueJson) {
    }

    public record Rework(long id, long versionId, int round, int pass, int idx, long packageId, int slot, String annotator) {
    }

    public record ReworkItem(long itemId, String reason, boolean fixed) {
    }

    private final JdbcTemplate jdbc;
    private final LabelledRounds packages;

    private final io.refinery.engine.system.IndexHints indexes;

    Reviews(JdbcTemplate jdbc, LabelledRounds packages, io.refinery.engine.system.IndexHints indexes) {
        this.indexes = indexes;
        this.jdbc = jdbc;
        this.packages = packages;
    }

    // ---- rework -------------------------------------------------------------------------------------------

    public int lastReworkPass(long versionId, int round) {
        Integer pass = jdbc.queryForObject("SELECT MAX(pass) FROM rework_assignment WHERE version_id = ? AND round = ?",
                Integer.class, versionId, round);
        return pass == null ? 0 : pass;
    }

    public long createRework(long versionId, int round, int pass, int idx, long packageId, int slot, String annotator) {
        jdbc.update("INSERT INTO rework_assignment (version_id, round, pass, idx, package_id, slot, annotator, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", versionId, round, pass, idx, packageId, slot, annotator,
                Timestamp.from(Instant.now()));
        return jdbc.queryForObject("SELECT id FROM rework_assignment WHERE version_id = ? AND round = ? AND pass = ? AND idx = ?",
                Long.class, versionId, round, pass, idx);
    }

    public void addReworkItem(long reworkId, long itemId, String reason) {
        jdbc.update("INSERT INTO rework_item (rework_id, item_id, reason) VALUES (?, ?, ?)", reworkId, itemId, reason);
    }

    /** The rework of the latest pass of a round with this index (only the latest pass has open tasks). */
    public Optional<Rework> rework(long versionId, int round, int idx) {
        return jdbc.query("SELECT id, version_id, round, pass, idx, package_id, slot, annotator FROM rework_assignment"
                        + " WHERE version_id = ? AND round = ? AND idx = ? ORDER BY pass DESC",
                (rs, i) -> new Rework(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getLong(6),
                        rs.getInt(7), rs.getString(8)), versionId, round, idx).stream().findFirst();
    }

    public List<ReworkItem> reworkItems(long reworkId) {
        return jdbc.query("SELECT item_id, reason, fixed FROM rework_item WHERE rework_id = ? ORDER BY item_id",
                (rs, i) -> new ReworkItem(rs.getLong(1), rs.getString(2), rs.getBoolean(3)), reworkId);
    }

    public void markReworkFixed(long reworkId, long itemId) {
        jdbc.update("UPDATE rework_item SET fixed = TRUE WHERE rework_id = ? AND item_id = ?", reworkId, itemId);
    }

    /** After a rework: the expert's rejection becomes "reworked", to be decided again (the reason stays). */
    public void markReworked(long itemId, int round) {
        jdbc.update("UPDATE review SET decision = 'reworked' WHERE item_id = ? AND round = ? AND decision = 'reject'",
                itemId, round);
    }

    public void saveReview(long versionId, long itemId, int round, String reviewer, String decision, String label,
                           String reason, String valueJson) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("UPDATE review SET reviewer = ?, decision = ?, label = ?, reason = ?, value_json = ?,"
                + " updated_at = ? WHERE item_id = ? AND round = ?", reviewer, decision, label, reason, valueJson, now, itemId,
                round);
        if (updated == 0) {
            jdbc.update("INSERT INTO review (item_id, version_id, round, reviewer, decision, label, reason, value_json,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", itemId, versionId, round, reviewer, decision, label,
                    reason, valueJson, now);
        }
    }

    public List<ReviewRow> reviews(long packageId, int round) {
        return packages.run(packageId).map(run -> reviewsAlong(run, round)).orElse(List.of());
    }

    private static final String REVIEW_ROW = "SELECT r.item_id, r.reviewer, r.decision, r.label, r.reason, r.value_json"
            + " FROM ";

    private static ReviewRow reviewRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ReviewRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6));
    }

    /** The expert's decisions of a round on the version's items with ids in {@code along}, in item order. */
    public List<ReviewRow> reviewsAlong(WorkPackages.Run along, int round) {
        return jdbc.query(REVIEW_ROW + indexes.uniqueKey("review", "r", "review_item_round") + " WHERE"
                + WorkPackages.Run.ROWS + " AND r.round = ? ORDER BY r.item_id", Reviews::reviewRow, along.args(round));
    }

    /** The items the expert rejected in a round, in item order (as many as the expert's work). */
    public List<ReviewRow> rejectedOfRound(long versionId, int round) {
        return jdbc.query(REVIEW_ROW + "review r WHERE r.version_id = ? AND r.round = ? AND r.decision = 'reject'"
                + " ORDER BY r.item_id", Reviews::reviewRow, versionId, round);
    }

    /** The ids of the items the expert decided on in a round (as many as the expert's work, not the round's). */
    public List<Long> reviewedItems(long versionId, int round) {
        return jdbc.queryForList("SELECT item_id FROM review WHERE version_id = ? AND round = ? ORDER BY item_id",
                Long.class, versionId, round);
    }
}
