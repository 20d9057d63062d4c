package io.refinery.engine.dataset;

import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk rows of a version: raw rows, quarantine, items. Every write is insert-if-absent keyed by where the row
 * came from (or, for items, by content hash), so a redone step never duplicates anything. Reads stream
 * through a cursor.
 */
@Repository
public class ItemRepository {
    static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public ItemRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    private static final String INSERT_RAW = """
            INSERT INTO raw_item (version_id, source, line_no, payload)
            SELECT CAST(? AS BIGINT), CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS VARCHAR) WHERE NOT EXISTS
              (SELECT 1 FROM raw_item WHERE version_id = ? AND source = ? AND line_no = ?)""";

    public void insertRaw(long versionId, List<Object[]> sourceLinePayload) {
        batch(INSERT_RAW, sourceLinePayload.stream()
                .map(r -> new Object[] {versionId, r[0], r[1], r[2], versionId, r[0], r[1]}).toList());
    }

    private static final String INSERT_QUARANTINE = """
            INSERT INTO quarantine (version_id, step, source, line_no, reason, raw)
            SELECT CAST(? AS BIGINT), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS VARCHAR), CAST(? AS VARCHAR) WHERE NOT EXISTS
              (SELECT 1 FROM quarantine WHERE version_id = ? AND step = ? AND source = ? AND line_no = ?)""";

    public void insertQuarantine(long versionId, List<Object[]> stepSourceLineReasonRaw) {
        batch(INSERT_QUARANTINE, stepSourceLineReasonRaw.stream()
                .map(r -> new Object[] {versionId, r[0], r[1], r[2], r[3], r[4], versionId, r[0], r[1], r[2]}).toList());
    }

    private static final String INSERT_ITEM = """
            INSERT INTO item (version_id, raw_item_id, source, line_no, external_id, text, content_hash, meta_json, pii_json)
            SELECT r.version_id, r.id, r.source, r.line_no, CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),
                   CAST(? AS VARCHAR), CAST(? AS VARCHAR) FROM raw_item r
            WHERE r.id = ? AND r.version_id = ?
              AND NOT EXISTS (SELECT 1 FROM item WHERE version_id = ? AND content_hash = ?)""";

    /** Rows of {rawItemId, externalId, text, contentHash, metaJson, piiJson}. */
    public void insertItems(long versionId, List<Object[]> rows) {
        batch(INSERT_ITEM, rows.stream().map(r -> new Object[] {r[1], r[2], r[3], r[4], r[5], r[0],
                versionId, versionId, r[3]}).toList());
    }

    public void setPrelabels(long versionId, List<Object[]> labelRuleItemId) {
        jdbc.batchUpdate("UPDATE item SET prelabel = ?, prelabel_rule = ? WHERE id = ? AND version_id = ?",
                labelRuleItemId.stream().map(r -> new Object[] {r[0], r[1], r[2], versionId}).toList());
    }

    private void batch(String sql, List<Object[]> args) {
        try {
            jdbc.batchUpdate(sql, args);
        } catch (DuplicateKeyException raced) {
            // another worker wrote some of the same rows at the same moment: keep theirs, write the rest
            for (Object[] row : args) {
                try {
                    jdbc.update(sql, row);
                } catch (DuplicateKeyException alreadyThere) {
                    // same key, same content: nothing to do
                }
            }
        }
    }

    /** Streams rows of a query through a database cursor (PostgreSQL needs the transaction for that). */
    public void stream(String sql, RowCallbackHandler handler, Object... args) {
        readOnly.executeWithoutResult(status -> jdbc.query(con -> {
            var ps = con.prepareStatement(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps;
        }, handler));
    }

    public long count(String table, long versionId) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE version_id = ?", Long.class, versionId);
        return n == null ? 0 : n;
    }
}
