package io.refinery.engine.dataset;

import io.refinery.engine.system.IndexHints;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How this module reads a version's bulk rows on either database without holding them: through a cursor on
 * PostgreSQL; on H2 along the primary key, page by page ({@link #streamById}) or lazily ({@link #stream}). The one
 * place in this module that knows which database it talks to ({@link #postgres}, as {@link IndexHints} found it).
 */
@Component
class RowStreams {
    static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final boolean postgres;

    private final IndexHints indexes;

    RowStreams(JdbcTemplate jdbc, PlatformTransactionManager transactions, IndexHints indexes) {
        this.indexes = indexes;
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.postgres = indexes.postgres();
    }

    /** Whether the database is PostgreSQL (else H2). */
    boolean postgres() {
        return postgres;
    }

    /** Rows per page when H2 streams page by page. */
    static final int PAGE = 10_000;

    /**
     * Streams the rows of {@code select} (whose first column is {@code id}, and which ends in its WHERE clause) in id
     * order: on PostgreSQL through one cursor; on H2 page by page, each page one short query after the last id read.
     * A lazy H2 query that stays open for minutes while other connections write can fail with "Chunk not found"
     * (h2database#4142, open in 2.3.232: seen here streaming a million raw items to Process while it wrote items);
     * short queries never hold an old version of the store that long.
     */
    void streamById(String select, RowCallbackHandler handler, Object... args) {
        if (postgres) {
            stream(select + " ORDER BY id", handler, args);
            return;
        }
        long[] after = {Long.MIN_VALUE};
        pages(select + " AND id > ? ORDER BY id LIMIT " + PAGE, rs -> {
            after[0] = rs.getLong(1);
            handler.processRow(rs);
        }, () -> {
            Object[] page = java.util.Arrays.copyOf(args, args.length + 1);
            page[args.length] = after[0];
            return page;
        });
    }

    /** Runs {@code pageSql} with the arguments {@code next} gives until a page comes back with fewer than PAGE rows. */
    void pages(String pageSql, RowCallbackHandler handler, java.util.function.Supplier<Object[]> next) {
        while (true) {
            int[] rows = {0};
            jdbc.query(pageSql, rs -> {
                rows[0]++;
                handler.processRow(rs);
            }, next.get());
            if (rows[0] < PAGE) {
                return;
            }
        }
    }

    /**
     * Streams rows of a query through a database cursor (PostgreSQL needs the transaction for that). On H2 the query
     * runs lazily: rows come straight from the index as the callback takes them, instead of the whole result being
     * built first (and, past H2's in-memory row limit, spilled to a temporary file), so the first row arrives at
     * once and memory stays flat. Lazy execution streams only when an index gives the order: see {@link #inIdOrder}.
     */
    void stream(String sql, RowCallbackHandler handler, Object... args) {
        readOnly.executeWithoutResult(status -> {
            if (!postgres) {
                jdbc.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
            try {
                jdbc.query(con -> {
                    var ps = con.prepareStatement(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY,
                            java.sql.ResultSet.CONCUR_READ_ONLY);
                    ps.setFetchSize(FETCH_SIZE);
                    for (int i = 0; i < args.length; i++) {
                        ps.setObject(i + 1, args[i]);
                    }
                    return ps;
                }, handler);
            } finally {
                if (!postgres) {
                    jdbc.execute("SET LAZY_QUERY_EXECUTION FALSE");
                }
            }
        });
    }

    /**
     * {@code table} for a {@code FROM} clause of a query that filters on {@code version_id} and reads by {@code id}
     * (in id order, or a range of ids): on H2 read through the primary key index, named
     * ({@code USE INDEX ("PRIMARY_KEY_..")}), which is in id order and takes the condition on {@code id} as its
     * range. H2 would otherwise pick a {@code version_id} index and sort every row of the version first (measured at
     * 1M items: first row after 3 to 16 s); and {@code USE INDEX ()} (no index) scans the table from its first row
     * whatever the range, so each page of a paged stream read everything before it again (at 1M rows, a range at
     * the end took 116 ms against 1 ms). PostgreSQL plans this itself.
     */
    String inIdOrder(String table, String alias) {
        return indexes.primaryKey(table, alias);
    }
}
