package io.refinery.engine.labeling;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Gold items (items with a true answer an expert gave) and the answers annotators gave on them, scored. */
@Repository
public class GoldItems {

    public record Gold(long id, long datasetId, long itemId, String valueJson, String createdBy) {
    }

    public record GoldAccuracy(String annotator, int answered, int correct) {
        public double accuracy() {
            return answered == 0 ? 0 : (double) correct / answered;
        }
    }

    private final JdbcTemplate jdbc;

    GoldItems(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- gold ---------------------------------------------------------------------------------------------

    public void saveGold(long datasetId, long itemId, String valueJson, String user) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("UPDATE gold_item SET value_json = ?, created_by = ?, created_at = ? WHERE item_id = ?",
                valueJson, user, now, itemId);
        if (updated == 0) {
            jdbc.update("INSERT INTO gold_item (dataset_id, item_id, value_json, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                    datasetId, itemId, valueJson, user, now);
        }
    }

    public Optional<Gold> goldOfItem(long itemId) {
        return jdbc.query("SELECT id, dataset_id, item_id, value_json, created_by FROM gold_item WHERE item_id = ?",
                GoldItems::gold, itemId).stream().findFirst();
    }

    public Optional<Gold> gold(long goldId) {
        return jdbc.query("SELECT id, dataset_id, item_id, value_json, created_by FROM gold_item WHERE id = ?",
                GoldItems::gold, goldId).stream().findFirst();
    }

    private static Gold gold(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Gold(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5));
    }

    public void saveGoldAnswer(long versionId, long packageId, long goldId, int round, int slot, String annotator,
                               String valueJson, boolean correct) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("UPDATE gold_answer SET annotator = ?, value_json = ?, correct = ?, updated_at = ?"
                + " WHERE package_id = ? AND gold_id = ? AND round = ? AND slot = ?", annotator, valueJson, correct, now,
                packageId, goldId, round, slot);
        if (updated == 0) {
            jdbc.update("INSERT INTO gold_answer (version_id, package_id, gold_id, round, slot, annotator, value_json, correct,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", versionId, packageId, goldId, round, slot, annotator,
                    valueJson, correct, now);
        }
    }

    /** The user's gold answers of a package slot, by gold item id (the item id the annotator sees). */
    public Map<Long, String> goldAnswers(long packageId, int round, int slot) {
        Map<Long, String> answers = new java.util.HashMap<>();
        jdbc.query("SELECT g.item_id, a.value_json FROM gold_answer a JOIN gold_item g ON g.id = a.gold_id"
                + " WHERE a.package_id = ? AND a.round = ? AND a.slot = ?", rs -> {
                    answers.put(rs.getLong(1), rs.getString(2));
                }, packageId, round, slot);
        return answers;
    }

    public List<GoldAccuracy> goldAccuracy(long versionId) {
        return jdbc.query("SELECT annotator, COUNT(*), SUM(CASE WHEN correct THEN 1 ELSE 0 END) FROM gold_answer"
                + " WHERE version_id = ? GROUP BY annotator ORDER BY annotator",
                (rs, i) -> new GoldAccuracy(rs.getString(1), rs.getInt(2), rs.getInt(3)), versionId);
    }

    public List<Long> goldItemIds(long datasetId) {
        return jdbc.queryForList("SELECT item_id FROM gold_item WHERE dataset_id = ?", Long.class, datasetId);
    }

    /** One answer given on a gold item: who, where, the answer, the true answer and whether they were judged equal. */
    public record GoldAnswer(String annotator, int round, long packageId, long goldId, String valueJson,
                             String goldValueJson, boolean correct) {
    }

    /** Every answer given on a gold item in a version, in the order given, streamed to {@code each}. */
    public void forEachGoldAnswer(long versionId, java.util.function.Consumer<GoldAnswer> each) {
        jdbc.query("SELECT a.annotator, a.round, a.package_id, a.gold_id, a.value_json, g.value_json, a.correct"
                + " FROM gold_answer a JOIN gold_item g ON g.id = a.gold_id WHERE a.version_id = ? ORDER BY a.id",
                rs -> {
                    each.accept(new GoldAnswer(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getBoolean(7)));
                }, versionId);
    }
}
