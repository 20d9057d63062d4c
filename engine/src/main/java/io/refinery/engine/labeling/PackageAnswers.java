package io.refinery.engine.labeling;

import io.refinery.engine.system.IndexHints;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The annotators' answers of the packages ({@code annotation}, {@code annotation_history}): saving one with its
 * history, and reading them by package slot or along a run of items.
 */
@Repository
public class PackageAnswers {
    private final JdbcTemplate jdbc;
    private final WorkPackages packages;
    private final IndexHints indexes;

    PackageAnswers(JdbcTemplate jdbc, WorkPackages packages, IndexHints indexes) {
        this.jdbc = jdbc;
        this.packages = packages;
        this.indexes = indexes;
    }

    public List<WorkPackages.AnnotationRow> annotations(long packageId, int round) {
        return packages.run(packageId).map(run -> annotationsAlong(run, round)).orElse(List.of());
    }

    /** Saves an answer; a changed answer keeps the old value in annotation_history. */
    public void saveAnnotation(long versionId, long itemId, int round, int slot, String annotator, String label,
                               String valueJson) {
        Timestamp now = Timestamp.from(Instant.now());
        String select = "SELECT id, annotator, label, value_json FROM annotation WHERE item_id = ? AND round = ? AND slot = ?";
        List<Map<String, Object>> existing = jdbc.queryForList(select, itemId, round, slot);
        if (existing.isEmpty()) {
            try {
                jdbc.update("INSERT INTO annotation (item_id, version_id, round, slot, annotator, label, value_json, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", itemId, versionId, round, slot, annotator, label, valueJson, now);
                return;
            } catch (DuplicateKeyException raced) {
                existing = jdbc.queryForList(select, itemId, round, slot);
            }
        }
        Map<String, Object> old = existing.get(0);
        // column maps from JdbcTemplate are case-insensitive (H2 upper-cases names, PostgreSQL lower-cases them)
        if (java.util.Objects.equals(label, old.get("label")) && java.util.Objects.equals(valueJson, old.get("value_json"))
                && annotator.equals(old.get("annotator"))) {
            return;
        }
        long id = ((Number) old.get("id")).longValue();
        jdbc.update("INSERT INTO annotation_history (annotation_id, annotator, label, value_json, valid_until)"
                + " VALUES (?, ?, ?, ?, ?)", id, old.get("annotator"), old.get("label"), old.get("value_json"), now);
        jdbc.update("UPDATE annotation SET annotator = ?, label = ?, value_json = ?, updated_at = ? WHERE id = ?",
                annotator, label, valueJson, now, id);
    }

    /** {@code annotation r}, read along its items (a run's range), not through every answer of the version. */
    private String answersAlongItems() {
        return indexes.uniqueKey("annotation", "r", "annotation_slot");
    }

    /** Answers of a package slot, gold items included. */
    public int answeredCount(long packageId, int round, int slot) {
        Optional<WorkPackages.Run> run = packages.run(packageId);
        int answered = run.isEmpty() ? 0 : jdbc.queryForObject("SELECT COUNT(*) FROM " + answersAlongItems()
                + " WHERE" + WorkPackages.Run.ROWS + " AND r.round = ? AND r.slot = ?", Integer.class,
                run.get().args(round, slot));
        return answered + jdbc.queryForObject("SELECT COUNT(*) FROM gold_answer WHERE package_id = ? AND round = ? AND slot = ?",
                Integer.class, packageId, round, slot);
    }

    /** The answers of a round to the version's items with ids in {@code along}, in item and slot order. */
    public List<WorkPackages.AnnotationRow> annotationsAlong(WorkPackages.Run along, int round) {
        return jdbc.query("SELECT r.item_id, r.slot, r.annotator, r.label, r.value_json FROM " + answersAlongItems()
                        + " WHERE" + WorkPackages.Run.ROWS + " AND r.round = ? ORDER BY r.item_id, r.slot",
                (rs, n) -> new WorkPackages.AnnotationRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), along.args(round));
    }
}
