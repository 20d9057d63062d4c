package io.refinery.engine.dataset;

import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A version's running counts (table {@code version_count}): raw rows, quarantined rows, items and items with a final
 * answer. The writes of {@link ItemRepository} add to them in their own transactions, so the counts are read as one
 * row and never drift from the rows.
 */
@Repository
class VersionCounts {
    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final String insertCount;

    VersionCounts(JdbcTemplate jdbc, RowStreams rows) {
        this.jdbc = jdbc;
        this.postgres = rows.postgres();
        this.insertCount = postgres
                ? "INSERT INTO version_count (version_id) VALUES (?) ON CONFLICT DO NOTHING"
                : "INSERT INTO version_count (version_id) SELECT CAST(? AS BIGINT)"
                        + " WHERE NOT EXISTS (SELECT 1 FROM version_count WHERE version_id = ?)";
    }

    /** The columns of {@code version_count}. */
    enum Count {
        RAW_ITEMS("raw_items"), QUARANTINED("quarantined"), ITEMS("items"), LABELLED("labelled");

        final String column;

        Count(String column) {
            this.column = column;
        }
    }

    /** Adds {@code delta} to one of the version's running counts, in the caller's transaction. */
    void add(long versionId, Count count, long delta) {
        if (delta == 0) {
            return;
        }
        String add = "UPDATE version_count SET " + count.column + " = " + count.column + " + ? WHERE version_id = ?";
        if (jdbc.update(add, delta, versionId) == 0) {
            try {
                jdbc.update(insertCount, postgres ? new Object[] {versionId} : new Object[] {versionId, versionId});
            } catch (DuplicateKeyException raced) {
                // (H2) another transaction created the row a moment ago: add to it
            }
            jdbc.update(add, delta, versionId);
        }
    }

    /** The version's running counts by column name (zeros for a version nothing was written to yet). */
    Map<String, Long> counts(long versionId) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (Count c : Count.values()) {
            counts.put(c.column, 0L);
        }
        jdbc.query("SELECT raw_items, quarantined, items, labelled FROM version_count WHERE version_id = ?", rs -> {
            for (Count c : Count.values()) {
                counts.put(c.column, rs.getLong(c.ordinal() + 1));
            }
        }, versionId);
        return counts;
    }
}
