package io.refinery.engine.labeling;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.refinery.engine.dataset.ItemRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Work packages (with the gold items mixed into them), their label assignments per round and slot, and the answers.
 * A package is a run of its version's items in id order, from its first item to its last ({@link Run}): cutting a
 * round writes one row per package, never one per item.
 */
@Repository
public class WorkPackages {

    public record Assignment(long id, long versionId, int round, int idx, long packageId, int slot, String annotator,
                             String taskId) {
    }

    public record PackageItem(long itemId, int position, String externalId, String text, String prelabel,
                              String prelabelRule) {
    }

    /** An item of a package as the annotator sees it; {@code goldId} is set for a mixed-in gold item (never shown). */
    public record PackageEntry(long itemId, String externalId, String text, String prelabel, String prelabelRule,
                               Long goldId) {
    }

    public record AnnotationRow(long itemId, int slot, String annotator, String label, String valueJson) {
    }

    /** The items of a package: those of {@code versionId} with ids from {@code firstItemId} to {@code lastItemId}. */
    public record Run(long versionId, long firstItemId, long lastItemId) {
        /**
         * The condition on {@code r}, a row keyed by version and item (an answer, a review), of being about an item of
         * the run; its arguments are {@link #args}.
         */
        public static final String ROWS = " r.version_id = ? AND r.item_id BETWEEN ? AND ?";

        /** The condition on {@code i}, an item, of being in the run; its arguments are {@link #args}. */
        static final String ITEMS = " i.version_id = ? AND i.id BETWEEN ? AND ?";

        /** Version, first and last item, then {@code more}: the arguments of {@link #ROWS} and the like. */
        public Object[] args(Object... more) {
            Object[] args = java.util.Arrays.copyOf(new Object[] {versionId, firstItemId, lastItemId}, 3 + more.length);
            System.arraycopy(more, 0, args, 3, more.length);
            return args;
        }
    }

    /** How many gold items a package of {@code size} items gets: one per ten items, at least one (if there is gold). */
    static int goldPerPackage(int size, int goldAvailable) {
        return Math.min(goldAvailable, Math.max(1, (size + 9) / 10));
    }

    private final JdbcTemplate jdbc;

    private final io.refinery.engine.dataset.DatasetItems items;

    private final org.springframework.transaction.support.TransactionTemplate writes;

    WorkPackages(JdbcTemplate jdbc, io.refinery.engine.dataset.DatasetItems items,
                 org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.items = items;
        this.writes = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    public int packageCount(long versionId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM work_package WHERE version_id = ?", Integer.class, versionId);
    }

    /** Packages cut per transaction: bounded, whatever the size of the version. */
    static final int CUT_CHUNK = 500;

    /**
     * Cuts the version's items not yet in a package (those after the last package's last item, in id order) into
     * packages of {@code size}, numbered after the existing ones; returns the number of packages cut. Works in chunks
     * of {@link #CUT_CHUNK} packages, each one transaction writing the packages (each with its first and last item)
     * and the gold mixed in, in batches, and nothing on the items; a cut stopped half way goes on where it stopped
     * when redone, with the same result.
     */
    public int createPackages(long versionId, int size) {
        List<Long> gold = goldCandidates(versionId);
        int cut = 0;
        Long lastCut = jdbc.queryForObject("SELECT MAX(last_item_id) FROM work_package WHERE version_id = ?", Long.class,
                versionId);
        long after = lastCut == null ? Long.MIN_VALUE : lastCut;
        for (List<Long> itemIds = items.idsAfter(versionId, after, CUT_CHUNK * size); !itemIds.isEmpty();
             itemIds = items.idsAfter(versionId, after, CUT_CHUNK * size)) {
            List<Long> chunk = itemIds;
            cut += writes.execute(status -> cutChunk(versionId, size, gold, chunk));
            after = itemIds.get(itemIds.size() - 1);
        }
        return cut;
    }

    /** Cuts {@code itemIds} into packages numbered after the existing ones; returns how many. */
    private int cutChunk(long versionId, int size, List<Long> gold, List<Long> itemIds) {
        Integer last = jdbc.queryForObject("SELECT MAX(seq) FROM work_package WHERE version_id = ?", Integer.class, versionId);
        int first = last == null ? 0 : last;
        int count = (itemIds.size() + size - 1) / size;
        List<Object[]> packages = new java.util.ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int from = k * size;
            int to = Math.min(itemIds.size(), from + size) - 1;
            packages.add(new Object[] {versionId, first + k + 1, to - from + 1, itemIds.get(from), itemIds.get(to)});
        }
        jdbc.batchUpdate("INSERT INTO work_package (version_id, seq, item_count, first_item_id, last_item_id)"
                + " VALUES (?, ?, ?, ?, ?)", packages);
        Map<Integer, Long> idBySeq = new java.util.HashMap<>();
        jdbc.query("SELECT seq, id FROM work_package WHERE version_id = ? AND seq > ? AND seq <= ?",
                rs -> {
                    idBySeq.put(rs.getInt(1), rs.getLong(2));
                }, versionId, first, first + count);
        List<Object[]> golds = new java.util.ArrayList<>();
        for (int k = 0; k < count; k++) {
            int seq = first + k + 1;
            golds.addAll(goldOf(idBySeq.get(seq), seq, Math.min(size, itemIds.size() - k * size), gold));
        }
        if (!golds.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO package_gold (package_id, gold_id, position) VALUES (?, ?, ?)", golds);
        }
        return count;
    }

    /**
     * Gold items of the dataset that may be mixed into this version's packages: those whose content is not also an
     * item of this version (the same text twice in one package would give it away).
     */
    private List<Long> goldCandidates(long versionId) {
        return jdbc.queryForList("""
                SELECT g.id FROM gold_item g JOIN item gi ON gi.id = g.item_id
                WHERE g.dataset_id = (SELECT dataset_id FROM dataset_version WHERE id = ?) AND gi.version_id <> ?
                  AND NOT EXISTS (SELECT 1 FROM item i WHERE i.version_id = ? AND i.content_hash = gi.content_hash)
                ORDER BY g.id""", Long.class, versionId, versionId, versionId);
    }

    /**
     * The gold mixed into a freshly cut package: {@link #goldPerPackage} items, taken round-robin over the gold set
     * by package number, each placed before a position derived from the package and gold ids (deterministic, so a
     * redone cut gives the same package). Rows of {packageId, goldId, position}.
     */
    private static List<Object[]> goldOf(long packageId, int seq, int size, List<Long> gold) {
        int n = goldPerPackage(size, gold.size());
        List<Object[]> rows = new java.util.ArrayList<>(n);
        java.util.Set<Long> taken = new java.util.HashSet<>();
        for (int k = 0; k < n; k++) {
            long goldId = gold.get(((seq - 1) * n + k) % gold.size());
            if (!taken.add(goldId)) {
                continue;
            }
            int position = (int) Math.floorMod(packageId * 31 + goldId * 17, size + 1L);
            rows.add(new Object[] {packageId, goldId, position});
        }
        return rows;
    }

    /** The package as annotators see it: its items, and the mixed-in gold items at their positions. */
    public List<PackageEntry> packageEntries(long packageId) {
        record Entry(int ord, PackageEntry entry) {
        }
        List<Entry> entries = new java.util.ArrayList<>();
        for (PackageItem item : items(packageId)) {
            entries.add(new Entry(item.position() * 2 + 1, new PackageEntry(item.itemId(), item.externalId(), item.text(),
                    item.prelabel(), item.prelabelRule(), null)));
        }
        jdbc.query("""
                SELECT i.id, i.external_id, i.text, p.label, p.rule, g.id, pg.position
                FROM package_gold pg JOIN gold_item g ON g.id = pg.gold_id JOIN item i ON i.id = g.item_id
                """ + ItemRepository.WITH_PRELABEL + " WHERE pg.package_id = ?", rs -> {
                    entries.add(new Entry(rs.getInt(7) * 2, new PackageEntry(rs.getLong(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6))));
                }, packageId);
        entries.sort(java.util.Comparator.comparingInt(Entry::ord).thenComparingLong(e -> e.entry().itemId()));
        return entries.stream().map(Entry::entry).toList();
    }

    /** The run of items a package holds; empty for an unknown package. */
    public Optional<Run> run(long packageId) {
        return jdbc.query("SELECT version_id, first_item_id, last_item_id FROM work_package WHERE id = ?"
                        + " AND first_item_id IS NOT NULL", (rs, i) -> new Run(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                packageId).stream().findFirst();
    }

    public String taskTypeOfVersion(long versionId) {
        return jdbc.queryForObject("SELECT d.task_type FROM dataset d JOIN dataset_version v ON v.dataset_id = d.id"
                + " WHERE v.id = ?", String.class, versionId);
    }

    public long datasetOfVersion(long versionId) {
        return jdbc.queryForObject("SELECT dataset_id FROM dataset_version WHERE id = ?", Long.class, versionId);
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
        return appendAssignments(versionId, round, packageIds, overlap);
    }

    /** Packages of the version that no round has labelled yet, in package order. */
    public List<Long> neverAssignedPackageIds(long versionId) {
        return jdbc.queryForList("SELECT p.id FROM work_package p WHERE p.version_id = ? AND NOT EXISTS"
                + " (SELECT 1 FROM label_assignment a WHERE a.package_id = p.id) ORDER BY p.seq", Long.class, versionId);
    }

    /** Adds assignments for {@code packageIds} to a round after those it already has; returns the round's count. */
    public int appendAssignments(long versionId, int round, List<Long> packageIds, int overlap) {
        int idx = assignmentCount(versionId, round);
        List<Object[]> rows = new java.util.ArrayList<>(packageIds.size() * overlap);
        for (Long packageId : packageIds) {
            for (int slot = 1; slot <= overlap; slot++) {
                rows.add(new Object[] {versionId, round, idx++, packageId, slot});
            }
        }
        try {
            writes.executeWithoutResult(status -> jdbc.batchUpdate(
                    "INSERT INTO label_assignment (version_id, round, idx, package_id, slot) VALUES (?, ?, ?, ?, ?)", rows));
        } catch (DuplicateKeyException raced) {
            // a concurrent redo created them: theirs are identical by construction
        }
        return assignmentCount(versionId, round);
    }

    public Optional<Assignment> assignment(long versionId, int round, int idx) {
        return jdbc.query("SELECT id, version_id, round, idx, package_id, slot, annotator, task_id FROM label_assignment"
                        + " WHERE version_id = ? AND round = ? AND idx = ?", WorkPackages::assignment,
                versionId, round, idx).stream().findFirst();
    }

    /**
     * {@link #assignmentsOfPackage}, each row locked until the caller's transaction ends, slot by slot: two people
     * taking slots of one package at the same moment take turns (the second sees who holds the first), instead of
     * both reading the slots free and each locking the other's row.
     */
    public List<Assignment> lockedAssignmentsOfPackage(long packageId, int round) {
        return jdbc.query("SELECT id, version_id, round, idx, package_id, slot, annotator, task_id FROM label_assignment"
                + " WHERE package_id = ? AND round = ? ORDER BY slot FOR UPDATE", WorkPackages::assignment, packageId,
                round);
    }

    public List<Assignment> assignmentsOfPackage(long packageId, int round) {
        return jdbc.query("SELECT id, version_id, round, idx, package_id, slot, annotator, task_id FROM label_assignment"
                + " WHERE package_id = ? AND round = ? ORDER BY slot", WorkPackages::assignment, packageId, round);
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

    /** The items of a package in order, each with its position (0, 1, ...). */
    public List<PackageItem> items(long packageId) {
        Optional<Run> run = run(packageId);
        if (run.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT i.id, i.external_id, i.text, p.label, p.rule FROM " + items.alongIds("i")
                        + ItemRepository.WITH_PRELABEL + " WHERE" + Run.ITEMS + " ORDER BY i.id", (rs, n) -> new PackageItem(
                        rs.getLong(1), n, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                run.get().args());
    }

    public Optional<Long> packageOfItem(long itemId) {
        return jdbc.queryForList("SELECT p.id FROM item i JOIN work_package p ON p.version_id = i.version_id"
                + " AND p.first_item_id <= i.id AND p.last_item_id >= i.id WHERE i.id = ?", Long.class, itemId)
                .stream().findFirst();
    }

    /** One package of a round with its run and slots; empty when the round has no slot of it. */
    public Optional<RoundPackage> roundPackage(long packageId, int round) {
        return run(packageId).map(run -> new RoundPackage(packageId, run, assignmentsOfPackage(packageId, round).size()))
                .filter(p -> p.slots() > 0);
    }

    /** The packages of a round with their runs and slots, in item order: one read for a whole round. */
    public List<RoundPackage> roundPackages(long versionId, int round) {
        return jdbc.query("SELECT p.id, p.first_item_id, p.last_item_id, COUNT(*) FROM label_assignment a"
                + " JOIN work_package p ON p.id = a.package_id WHERE a.version_id = ? AND a.round = ?"
                + " AND p.first_item_id IS NOT NULL GROUP BY p.id, p.first_item_id, p.last_item_id"
                + " ORDER BY p.first_item_id", (rs, n) -> new RoundPackage(rs.getLong(1),
                        new Run(versionId, rs.getLong(2), rs.getLong(3)), rs.getInt(4)), versionId, round);
    }

    public List<Long> packagesOfRound(long versionId, int round) {
        return jdbc.queryForList("SELECT DISTINCT package_id FROM label_assignment WHERE version_id = ? AND round = ?"
                + " ORDER BY package_id", Long.class, versionId, round);
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

    /** An item as QC reads it: its final answer, metadata and when its source file was uploaded (null for folders). */
    public record QcItem(long itemId, String text, String finalLabel, boolean rejected, String finalValueJson,
                         String metaJson, Instant uploadedAt) {
    }

    /** The version's items with ids in {@code along}, in order, as QC reads them. */
    public List<QcItem> qcItemsAlong(Run along) {
        return jdbc.query("SELECT i.id, i.text, i.final_label, i.rejected, i.final_value_json,"
                + " i.meta_json, s.uploaded_at FROM " + items.alongIds("i") + " LEFT JOIN source_file s"
                + " ON s.version_id = i.version_id AND s.name = i.source"
                + " WHERE" + Run.ITEMS + " ORDER BY i.id", (rs, n) -> {
                    Timestamp uploaded = rs.getTimestamp(7);
                    return new QcItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                            rs.getString(6), uploaded == null ? null : uploaded.toInstant());
                }, along.args());
    }
}
