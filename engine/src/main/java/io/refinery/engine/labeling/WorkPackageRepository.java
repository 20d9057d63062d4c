package io.refinery.engine.labeling;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Packages, assignments, annotations and reviews. */
@Repository
public class WorkPackageRepository {

    public record Assignment(long id, long versionId, int round, int idx, long packageId, int slot, String annotator,
                             String taskId) {
    }

    public record PackageItem(long itemId, int position, String externalId, String text, String prelabel,
                              String prelabelRule) {
    }

    public record AnnotationRow(long itemId, int slot, String annotator, String label) {
    }

    public record ReviewRow(long itemId, String reviewer, String decision, String label, String reason) {
    }

    private final JdbcTemplate jdbc;

    public WorkPackageRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public int packageCount(long versionId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM work_package WHERE version_id = ?", Integer.class, versionId);
    }

    /** Cuts the version's items (in id order) into packages of {@code size}; returns the number of packages. */
    public int createPackages(long versionId, int size) {
        List<Long> itemIds = jdbc.queryForList("SELECT id FROM item WHERE version_id = ? ORDER BY id", Long.class, versionId);
        int seq = 0;
        for (int from = 0; from < itemIds.size(); from += size) {
            List<Long> chunk = itemIds.subList(from, Math.min(itemIds.size(), from + size));
            seq++;
            jdbc.update("INSERT INTO work_package (version_id, seq, item_count) VALUES (?, ?, ?)", versionId, seq, chunk.size());
            long packageId = jdbc.queryForObject("SELECT id FROM work_package WHERE version_id = ? AND seq = ?",
                    Long.class, versionId, seq);
            int position = 0;
            List<Object[]> args = new java.util.ArrayList<>(chunk.size());
            for (Long itemId : chunk) {
                args.add(new Object[] {packageId, position++, itemId});
            }
            jdbc.batchUpdate("UPDATE item SET package_id = ?, position = ? WHERE id = ?", args);
        }
        return seq;
    }

    public List<Long> packageIds(long versionId) {
        return jdbc.queryForList("SELECT id FROM work_package WHERE version_id = ? ORDER BY seq", Long.class, versionId);
    }

    public int assignmentCount(long versionId, int round) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM label_assignment WHERE version_id = ? AND round = ?",
                Integer.class, versionId, round);
    }

    /** One assignment per (package, slot) of a round, numbered in package order; idempotent. */
    public int createAssignments(long versionId, int round, List<Long> packageIds, int overlap) {
        if (assignmentCount(versionId, round) > 0) {
            return assignmentCount(versionId, round);
        }
        int idx = 0;
        try {
            for (Long packageId : packageIds) {
                for (int slot = 1; slot <= overlap; slot++) {
                    jdbc.update("INSERT INTO label_assignment (version_id, round, idx, package_id, slot) VALUES (?, ?, ?, ?, ?)",
                            versionId, round, idx++, packageId, slot);
                }
            }
        } catch (DuplicateKeyException raced) {
            // a concurrent redo created them: theirs are identical by construction
        }
        return assignmentCount(versionId, round);
    }

    public Optional<Assignment> assignment(long versionId, int round, int idx) {
        return jdbc.query("SELECT id, version_id, round, idx, package_id, slot, annotator, task_id FROM label_assignment"
                        + " WHERE version_id = ? AND round = ? AND idx = ?", WorkPackageRepository::assignment,
                versionId, round, idx).stream().findFirst();
    }

    public List<Assignment> assignmentsOfPackage(long packageId, int round) {
        return jdbc.query("SELECT id, version_id, round, idx, package_id, slot, annotator, task_id FROM label_assignment"
                + " WHERE package_id = ? AND round = ? ORDER BY slot", WorkPackageRepository::assignment, packageId, round);
    }

    private static Assignment assignment(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Assignment(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getLong(5), rs.getInt(6),
                rs.getString(7), rs.getString(8));
    }

    public void bindAnnotator(long assignmentId, String annotator, String taskId) {
        jdbc.update("UPDATE label_assignment SET annotator = ?, task_id = ? WHERE id = ?", annotator, taskId, assignmentId);
    }

    /** Which task labels a slot nobody has taken yet (the inbox hides it from whoever labels another slot). */
    public void recordTask(long assignmentId, String taskId) {
        jdbc.update("UPDATE label_assignment SET task_id = ? WHERE id = ? AND task_id IS NULL", taskId, assignmentId);
    }

    public List<PackageItem> items(long packageId) {
        return jdbc.query("SELECT id, position, external_id, text, prelabel, prelabel_rule FROM item WHERE package_id = ?"
                        + " ORDER BY position", (rs, i) -> new PackageItem(rs.getLong(1), rs.getInt(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6)), packageId);
    }

    public Optional<Long> packageOfItem(long itemId) {
        return jdbc.queryForList("SELECT package_id FROM item WHERE id = ?", Long.class, itemId).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    public List<AnnotationRow> annotations(long packageId, int round) {
        return jdbc.query("SELECT a.item_id, a.slot, a.annotator, a.label FROM annotation a JOIN item i ON i.id = a.item_id"
                        + " WHERE i.package_id = ? AND a.round = ? ORDER BY i.position, a.slot",
                (rs, i) -> new AnnotationRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)), packageId, round);
    }

    /** Saves an answer; a changed answer keeps the old value in annotation_history. */
    public void saveAnnotation(long versionId, long itemId, int round, int slot, String annotator, String label) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Map<String, Object>> existing = jdbc.queryForList(
                "SELECT id, annotator, label FROM annotation WHERE item_id = ? AND round = ? AND slot = ?", itemId, round, slot);
        if (existing.isEmpty()) {
            try {
                jdbc.update("INSERT INTO annotation (item_id, version_id, round, slot, annotator, label, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", itemId, versionId, round, slot, annotator, label, now);
                return;
            } catch (DuplicateKeyException raced) {
                existing = jdbc.queryForList(
                        "SELECT id, annotator, label FROM annotation WHERE item_id = ? AND round = ? AND slot = ?",
                        itemId, round, slot);
            }
        }
        Map<String, Object> old = existing.get(0);
        // column maps from JdbcTemplate are case-insensitive (H2 upper-cases names, PostgreSQL lower-cases them)
        if (label.equals(old.get("label")) && annotator.equals(old.get("annotator"))) {
            return;
        }
        long id = ((Number) old.get("id")).longValue();
        jdbc.update("INSERT INTO annotation_history (annotation_id, annotator, label, valid_until) VALUES (?, ?, ?, ?)",
                id, old.get("annotator"), old.get("label"), now);
        jdbc.update("UPDATE annotation SET annotator = ?, label = ?, updated_at = ? WHERE id = ?", annotator, label, now, id);
    }

    public int answeredCount(long packageId, int round, int slot) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM annotation a JOIN item i ON i.id = a.item_id"
                + " WHERE i.package_id = ? AND a.round = ? AND a.slot = ?", Integer.class, packageId, round, slot);
    }

    public List<Long> packagesOfRound(long versionId, int round) {
        return jdbc.queryForList("SELECT DISTINCT package_id FROM label_assignment WHERE version_id = ? AND round = ?"
                + " ORDER BY package_id", Long.class, versionId, round);
    }

    public void saveReview(long versionId, long itemId, int round, String reviewer, String decision, String label,
                           String reason) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("UPDATE review SET reviewer = ?, decision = ?, label = ?, reason = ?, updated_at = ?"
                + " WHERE item_id = ? AND round = ?", reviewer, decision, label, reason, now, itemId, round);
        if (updated == 0) {
            jdbc.update("INSERT INTO review (item_id, version_id, round, reviewer, decision, label, reason, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", itemId, versionId, round, reviewer, decision, label, reason, now);
        }
    }

    public List<ReviewRow> reviews(long packageId, int round) {
        return jdbc.query("SELECT r.item_id, r.reviewer, r.decision, r.label, r.reason FROM review r JOIN item i"
                        + " ON i.id = r.item_id WHERE i.package_id = ? AND r.round = ?",
                (rs, i) -> new ReviewRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), packageId, round);
    }

    public void setFinal(long itemId, String finalLabel, boolean rejected) {
        jdbc.update("UPDATE item SET final_label = ?, rejected = ? WHERE id = ?", finalLabel, rejected, itemId);
    }

    /** The latest round in which a package was labelled. */
    public Map<Long, Integer> latestRounds(long versionId) {
        Map<Long, Integer> rounds = new java.util.HashMap<>();
        jdbc.query("SELECT package_id, MAX(round) FROM label_assignment WHERE version_id = ? GROUP BY package_id",
                rs -> {
                    rounds.put(rs.getLong(1), rs.getInt(2));
                }, versionId);
        return rounds;
    }
}
