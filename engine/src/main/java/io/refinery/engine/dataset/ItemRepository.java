package io.refinery.engine.dataset;

import io.refinery.engine.system.Ndjson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk rows of a version: raw rows, quarantine, items. Every write is insert-if-absent keyed by where the row
 * came from (or, for items, by content hash), so a redone step never duplicates anything. Each batch is one
 * transaction: on PostgreSQL one statement over arrays ({@code unnest}) whose unique key skips rows already there
 * ({@code ON CONFLICT DO NOTHING}), on H2 a JDBC batch (plain inserts, then with a {@code NOT EXISTS} probe of the
 * same key when some rows are there). Every write that adds rows or answers also adds to the
 * version's running counts ({@link VersionCounts}) in its own transaction. Reads stream ({@link RowStreams}). The
 * item writes of other modules (pre-labels, final answers after review) are here too: this module owns the item
 * table.
 */
@Repository
public class ItemRepository {
    /** A collected row as the process worker reads it. */
    public record RawRow(long rawItemId, String source, long line, Ndjson.Raw payload) {
    }

    /** A rejected row with the step that rejected it and why. */
    public record QuarantineRow(String step, String source, long line, String reason, String raw) {
    }

    /** An item as the steps after process read it; {@code packageId} is null until packages are cut. */
    public record ItemRow(long itemId, String externalId, String text, String source, long line, Ndjson.Raw meta,
                          String prelabel, Long packageId, String finalLabel) {
    }

    /** An item with a final answer (label and full value), as it goes into a release. */
    public record AnsweredItem(long itemId, String externalId, String text, String label, String source, long line,
                               Ndjson.Raw meta, String prelabel, long packageId, Ndjson.Raw value) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate writes;
    private final RowStreams streams;
    private final VersionCounts versionCounts;
    private final boolean postgres;
    private final KeyedInsert insertRaw;
    private final KeyedInsert insertQuarantine;
    private final KeyedInsert insertItem;

    ItemRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions, RowStreams streams,
                   VersionCounts versionCounts) {
        this.jdbc = jdbc;
        this.writes = new TransactionTemplate(transactions);
        this.streams = streams;
        this.versionCounts = versionCounts;
        this.postgres = streams.postgres();
        this.insertRaw = keyed(INSERT_RAW, "", "SELECT 1 FROM raw_item WHERE version_id = ? AND source = ? AND line_no = ?");
        this.insertQuarantine = keyed(INSERT_QUARANTINE, "",
                "SELECT 1 FROM quarantine WHERE version_id = ? AND step = ? AND source = ? AND line_no = ?");
        this.insertItem = keyed(INSERT_ITEM, "WHERE r.id = ? AND r.version_id = ?",
                "SELECT 1 FROM item WHERE version_id = ? AND content_hash = ?");
    }

    /**
     * (H2) An insert keyed by where its rows came from, in two forms: {@code plain} (the first {@code plainArgs}
     * arguments of a row; fails on a row already there) and {@code ifAbsent} (all of them; a {@code NOT EXISTS} probe,
     * {@code absent}, a condition on the unique key, skips such rows). PostgreSQL writes through {@link #unnest}.
     */
    private record KeyedInsert(String plain, int plainArgs, String ifAbsent) {
    }

    /** {@code insert} is {@code INSERT INTO t (..) SELECT ..} without a WHERE; {@code where} its own condition. */
    private static KeyedInsert keyed(String insert, String where, String absent) {
        String plain = where.isEmpty() ? insert : insert + " " + where;
        String ifAbsent = plain + (where.isEmpty() ? " WHERE" : " AND") + " NOT EXISTS (" + absent + ")";
        return new KeyedInsert(plain, (int) plain.chars().filter(c -> c == '?').count(), ifAbsent);
    }

    private static final String INSERT_RAW = """
            INSERT INTO raw_item (version_id, source, line_no, payload)
            SELECT CAST(? AS BIGINT), CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS VARCHAR)""";

    /** Rows of {source, lineNo, payloadJson}; returns how many were new. */
    public long insertRaw(long versionId, List<Object[]> sourceLinePayload) {
        if (postgres) {
            return unnest(versionId, VersionCounts.Count.RAW_ITEMS, """
                    INSERT INTO raw_item (version_id, source, line_no, payload)
                    SELECT v.id, u.source, u.line_no, u.payload
                    FROM unnest(?::varchar[], ?::bigint[], ?::varchar[]) WITH ORDINALITY AS u(source, line_no, payload, ord),
                         (SELECT CAST(? AS BIGINT) AS id) v
                    ORDER BY u.ord ON CONFLICT DO NOTHING""", sourceLinePayload, "varchar", "bigint", "varchar");
        }
        return batch(versionId, VersionCounts.Count.RAW_ITEMS, insertRaw, sourceLinePayload.stream()
                .map(r -> new Object[] {versionId, r[0], r[1], r[2], versionId, r[0], r[1]}).toList());
    }

    private static final String INSERT_QUARANTINE = """
            INSERT INTO quarantine (version_id, step, source, line_no, reason, raw)
            SELECT CAST(? AS BIGINT), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS VARCHAR),
                   CAST(? AS VARCHAR)""";

    /** Rows of {step, source, lineNo, reason, raw}; returns how many were new. */
    public long insertQuarantine(long versionId, List<Object[]> stepSourceLineReasonRaw) {
        if (postgres) {
            return unnest(versionId, VersionCounts.Count.QUARANTINED, """
                    INSERT INTO quarantine (version_id, step, source, line_no, reason, raw)
                    SELECT v.id, u.step, u.source, u.line_no, u.reason, u.raw
                    FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[])
                             WITH ORDINALITY AS u(step, source, line_no, reason, raw, ord),
                         (SELECT CAST(? AS BIGINT) AS id) v
                    ORDER BY u.ord ON CONFLICT DO NOTHING""", stepSourceLineReasonRaw, "varchar", "varchar", "bigint",
                    "varchar", "varchar");
        }
        return batch(versionId, VersionCounts.Count.QUARANTINED, insertQuarantine, stepSourceLineReasonRaw.stream()
                .map(r -> new Object[] {versionId, r[0], r[1], r[2], r[3], r[4], versionId, r[0], r[1], r[2]}).toList());
    }

    private static final String INSERT_ITEM = """
            INSERT INTO item (version_id, raw_item_id, source, line_no, external_id, text, content_hash, meta_json, pii_json)
            SELECT r.version_id, r.id, r.source, r.line_no, CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),
                   CAST(? AS VARCHAR), CAST(? AS VARCHAR) FROM raw_item r""";

    /** Rows of {rawItemId, externalId, text, contentHash, metaJson, piiJson}; returns how many were new. */
    public long insertItems(long versionId, List<Object[]> rows) {
        if (postgres) {
            return unnest(versionId, VersionCounts.Count.ITEMS, """
                    INSERT INTO item (version_id, raw_item_id, source, line_no, external_id, text, content_hash,
                                      meta_json, pii_json)
                    SELECT r.version_id, r.id, r.source, r.line_no, u.external_id, u.text, u.hash, u.meta, u.pii
                    FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])
                             WITH ORDINALITY AS u(raw_id, external_id, text, hash, meta, pii, ord)
                    JOIN raw_item r ON r.id = u.raw_id AND r.version_id = ?
                    ORDER BY u.ord ON CONFLICT DO NOTHING""", rows, "bigint", "varchar", "varchar", "varchar",
                    "varchar", "varchar");
        }
        return batch(versionId, VersionCounts.Count.ITEMS, insertItem, rows.stream()
                .map(r -> new Object[] {r[1], r[2], r[3], r[4], r[5], r[0], versionId, versionId, r[3]}).toList());
    }

    /** The table and columns an item's pre-label is written to. */
    private static final String PRELABEL_TABLE = "item_prelabel (item_id, version_id, label, rule) ";

    /** An item's pre-label as a row of {@link #PRELABEL_TABLE}: {label, rule, itemId, versionId}, if the item is the version's. */
    private static final String PRELABEL_ROW = "SELECT i.id, i.version_id, CAST(? AS VARCHAR), CAST(? AS VARCHAR)"
            + " FROM item i WHERE i.id = ? AND i.version_id = ?";

    /**
     * Rows of {label, rule, itemId}: the items' pre-labels, in their own narrow table (one transaction per batch; an
     * item of another version is left alone). A redo overwrites with the same values: on PostgreSQL in the batch
     * ({@code ON CONFLICT DO UPDATE}); on H2 the batch goes as plain inserts first, and when some are there already,
     * again as a {@code MERGE}.
     */
    public void setPrelabels(long versionId, List<Object[]> labelRuleItemId) {
        List<Object[]> args = labelRuleItemId.stream().map(r -> new Object[] {r[0], r[1], r[2], versionId}).toList();
        if (postgres) {
            writes.executeWithoutResult(status -> jdbc.batchUpdate("INSERT INTO " + PRELABEL_TABLE + PRELABEL_ROW
                    + " ON CONFLICT (item_id) DO UPDATE SET label = EXCLUDED.label, rule = EXCLUDED.rule", args));
            return;
        }
        try {
            writes.executeWithoutResult(status -> jdbc.batchUpdate("INSERT INTO " + PRELABEL_TABLE + PRELABEL_ROW,
                    args));
        } catch (DuplicateKeyException redone) {
            writes.executeWithoutResult(status -> jdbc.batchUpdate("MERGE INTO " + PRELABEL_TABLE + "KEY (item_id) "
                    + PRELABEL_ROW, args));
        }
    }

    /** Up to {@code limit} ids of the version's items after {@code afterId}, in id order. */
    public List<Long> idsAfter(long versionId, long afterId, int limit) {
        return jdbc.queryForList("SELECT id FROM " + streams.inIdOrder("item", "") + " WHERE version_id = ? AND id > ?"
                + " ORDER BY id LIMIT " + limit, Long.class, versionId, afterId);
    }

    /**
     * {@code item} under {@code alias} for a query that reads a run of a version's items by id ({@code alias.id
     * BETWEEN ? AND ?}, as a work package's items are read): along the primary key, see {@link RowStreams#inIdOrder}.
     */
    public String alongIds(String alias) {
        if (!alias.matches("[a-z]+")) {
            throw new IllegalArgumentException(alias);
        }
        return streams.inIdOrder("item", alias);
    }

    /** Joins an item {@code i} to its pre-label {@code p} (columns {@code label}, {@code rule}; null without one). */
    public static final String WITH_PRELABEL = " LEFT JOIN item_prelabel p ON p.item_id = i.id";

    /** The one test of whether an item has a final answer (what a release carries). */
    public static final String HAS_ANSWER = "(final_label IS NOT NULL OR final_value_json IS NOT NULL)";

    /** An item's final answer after review: label, whole value, or the expert's rejection. */
    public record Final(long itemId, String label, String valueJson, boolean rejected) {
        boolean answered() {
            return label != null || valueJson != null;
        }
    }

    /**
     * The final answers of the version's items with ids from {@code first} to {@code last}, as {@code finalOf} gives
     * them (null: leave the item as it is), in the caller's transaction. The rows are read first without a lock (a
     * repetition with the same answers, as the pass before QC mostly is, stops there: on H2 a lock writes the row);
     * when some answer changes, the range is locked and read again in one statement, only the rows whose answer
     * changes are written (one batch), and the labelled count moves once, so two finalizations of the same items
     * count them once. Returns the number of items changed.
     */
    public int setFinals(long versionId, long first, long last, LongFunction<Final> finalOf) {
        String select = "SELECT i.id, i.final_label, i.final_value_json, i.rejected FROM " + alongIds("i")
                + " WHERE i.version_id = ? AND i.id BETWEEN ? AND ?";
        boolean[] differs = {false};
        jdbc.query(select, rs -> {
            differs[0] |= changes(finalOf.apply(rs.getLong(1)), rs);
        }, versionId, first, last);
        if (!differs[0]) {
            return 0;
        }
        List<Object[]> changed = new ArrayList<>();
        long[] answered = {0};
        jdbc.query(select + " FOR UPDATE", rs -> {
            Final f = finalOf.apply(rs.getLong(1));
            if (changes(f, rs)) {
                answered[0] += (f.answered() ? 1 : 0) - (rs.getString(2) != null || rs.getString(3) != null ? 1 : 0);
                changed.add(new Object[] {f.label(), f.valueJson(), f.rejected(), f.itemId()});
            }
        }, versionId, first, last);
        if (!changed.isEmpty()) {
            jdbc.batchUpdate("UPDATE item SET final_label = ?, final_value_json = ?, rejected = ? WHERE id = ?", changed);
            versionCounts.add(versionId, VersionCounts.Count.LABELLED, answered[0]);
        }
        return changed.size();
    }

    /** Whether {@code f} differs from the final answer of the row at hand (id, label, value, rejected). */
    private static boolean changes(Final f, java.sql.ResultSet row) throws java.sql.SQLException {
        return f != null && !(Objects.equals(row.getString(2), f.label()) && Objects.equals(row.getString(3), f.valueJson())
                && row.getBoolean(4) == f.rejected());
    }

    /**
     * (H2) One JDBC batch in one transaction, counted in the same transaction; the number of rows it inserted. The
     * batch goes first as plain inserts, with no probe of the key per row (nearly every batch is new rows: the probes
     * were a quarter of the time of a write); a batch with a row already there (redelivered) fails on the unique key
     * and goes again with the probes. Two workers writing some of the same rows at the same moment can make that fail
     * too: then the rows go one by one in one transaction, theirs kept and the rest written. PostgreSQL takes its
     * rows through {@link #unnest} instead.
     */
    private long batch(long versionId, VersionCounts.Count count, KeyedInsert sql, List<Object[]> args) {
        List<Object[]> plain = args.stream().map(row -> java.util.Arrays.copyOf(row, sql.plainArgs())).toList();
        try {
            return counted(versionId, count, sql.plain(), plain);
        } catch (DuplicateKeyException someAlreadyThere) {
            // rolled back: the probing insert below writes the rows that are not there yet
        }
        try {
            return counted(versionId, count, sql.ifAbsent(), args);
        } catch (DuplicateKeyException raced) {
            return writes.execute(status -> {
                long inserted = 0;
                for (Object[] row : args) {
                    try {
                        inserted += jdbc.update(sql.ifAbsent(), row);
                    } catch (DuplicateKeyException alreadyThere) {
                        // same key, same content: nothing to do
                    }
                }
                versionCounts.add(versionId, count, inserted);
                return inserted;
            });
        }
    }

    /**
     * (PostgreSQL) The rows as one statement, in one transaction with their count: each column goes as one array
     * ({@code types}: the arrays' element types, in column order; the version id is the last argument) and
     * {@code unnest} turns them back into rows, in order ({@code WITH ORDINALITY}); {@code ON CONFLICT DO NOTHING}
     * skips the rows already there. One round trip and one statement per batch, against one statement per row of a
     * JDBC batch (measured at 1M rows, each step alone: collect 30.7 s and process 47.5 s, against 35.5 s and 64.9 s).
     */
    private long unnest(long versionId, VersionCounts.Count count, String sql, List<Object[]> rows, String... types) {
        return writes.execute(status -> {
            long inserted = jdbc.execute((java.sql.Connection con) -> {
                try (var ps = con.prepareStatement(sql)) {
                    for (int c = 0; c < types.length; c++) {
                        Object[] column = new Object[rows.size()];
                        for (int r = 0; r < rows.size(); r++) {
                            column[r] = rows.get(r)[c];
                        }
                        ps.setArray(c + 1, con.createArrayOf(types[c], column));
                    }
                    ps.setLong(types.length + 1, versionId);
                    return (long) ps.executeUpdate();
                }
            });
            versionCounts.add(versionId, count, inserted);
            return inserted;
        });
    }

    /** One JDBC batch and the count of the rows it inserted, in one transaction; the number of rows inserted. */
    private long counted(long versionId, VersionCounts.Count count, String sql, List<Object[]> args) {
        return writes.execute(status -> {
            long inserted = sum(jdbc.batchUpdate(sql, args));
            versionCounts.add(versionId, count, inserted);
            return inserted;
        });
    }

    private static long sum(int[] counts) {
        long n = 0;
        for (int c : counts) {
            n += Math.max(c, 0);
        }
        return n;
    }

    /** The version's collected rows in (source, line) order, streamed. */
    public void streamRaw(long versionId, Consumer<RawRow> sink) {
        RowCallbackHandler rows = rs -> sink.accept(new RawRow(rs.getLong(1), rs.getString(2), rs.getLong(3),
                Ndjson.raw(rs.getString(4))));
        if (postgres) {
            streams.stream("SELECT id, source, line_no, payload FROM raw_item WHERE version_id = ? ORDER BY source, line_no",
                    rows, versionId);
            return;
        }
        // H2: source by source, page by page along the primary key (collect stores a source's lines in order, so
        // within a source id order is line order). Not along the (version, source, line) index: H2 does not use it
        // for "line_no > ?" and read each page from the start of the source (measured: quadratic, 1.8 s a page at 1M)
        for (String source : jdbc.queryForList("SELECT DISTINCT source FROM raw_item WHERE version_id = ? ORDER BY source",
                String.class, versionId)) {
            long[] after = {Long.MIN_VALUE};
            streams.pages("SELECT id, source, line_no, payload FROM " + streams.inIdOrder("raw_item", "")
                    + " WHERE version_id = ? AND source = ? AND id > ? ORDER BY id LIMIT " + RowStreams.PAGE, rs -> {
                        after[0] = rs.getLong(1);
                        rows.processRow(rs);
                    }, () -> new Object[] {versionId, source, after[0]});
        }
    }

    /** The version's quarantine in (step, source, line) order, streamed. */
    public void streamQuarantine(long versionId, Consumer<QuarantineRow> sink) {
        streams.stream("SELECT step, source, line_no, reason, raw FROM quarantine WHERE version_id = ? ORDER BY step, source, line_no",
                rs -> sink.accept(new QuarantineRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5))), versionId);
    }

    /** The version's items in id order, streamed, each with its package (null before packages are cut). */
    public void streamItems(long versionId, Consumer<ItemRow> sink) {
        PackageRanges packages = PackageRanges.of(jdbc, versionId);
        streams.streamById("SELECT i.id, i.external_id, i.text, i.source, i.line_no, i.meta_json, p.label, i.final_label FROM "
                + alongIds("i") + WITH_PRELABEL + " WHERE i.version_id = ?", rs -> {
                    long id = rs.getLong(1);
                    sink.accept(new ItemRow(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            Ndjson.raw(rs.getString(6)), rs.getString(7), packages.packageOf(id), rs.getString(8)));
                }, versionId);
    }

    private static final String ANSWERED = " WHERE version_id = ? AND " + HAS_ANSWER;

    /** The version's items with a final answer in id order, streamed: what goes into a release's data files. */
    public void streamAnswered(long versionId, Consumer<AnsweredItem> sink) {
        PackageRanges packages = PackageRanges.of(jdbc, versionId);
        streams.streamById("SELECT i.id, i.external_id, i.text, i.final_label, i.source, i.line_no, i.meta_json, p.label,"
                + " i.final_value_json FROM " + alongIds("i") + WITH_PRELABEL + " WHERE i.version_id = ? AND "
                + HAS_ANSWER, rs -> {
                    long id = rs.getLong(1);
                    Long packageId = packages.packageOf(id);
                    sink.accept(new AnsweredItem(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), Ndjson.raw(rs.getString(7)), rs.getString(8),
                            packageId == null ? 0 : packageId, Ndjson.raw(rs.getString(9))));
                }, versionId);
    }

    /**
     * How many items of the version have a final answer (what {@link #streamAnswered} gives), counted in the rows
     * themselves: the check a release is sealed with, not the running count.
     */
    public long countAnswered(long versionId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM item" + ANSWERED, Long.class, versionId);
        return count == null ? 0 : count;
    }
}
