package io.refinery.engine.system;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which index H2 must read a table through, for the queries whose plan H2 gets wrong: a condition on
 * {@code version_id} and a range of ids. H2 picks the {@code version_id} index (an equality beats a range) and reads
 * every row of the version for each query, however small the range: at 300,000 items each label submission counted
 * its package's answers through all 570,000 answers of the version. Told the index by name (H2 names the index of
 * a key when it makes the table, so the name is looked up once), it reads the range alone. PostgreSQL plans these
 * queries itself and gets the table as it is.
 */
@Component
public class IndexHints {
    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final Map<String, String> indexes = new ConcurrentHashMap<>();

    IndexHints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
        this.postgres = product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    }

    /** Whether the database is PostgreSQL (else H2): the one place that asks. */
    public boolean postgres() {
        return postgres;
    }

    /**
     * {@code table} under {@code alias} (may be empty) for a FROM clause, read through its primary key on H2 (in id
     * order, a range of ids).
     */
    public String primaryKey(String table, String alias) {
        return through(table, alias, "PRIMARY KEY", "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE"
                + " TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = ? AND INDEX_TYPE_NAME = 'PRIMARY KEY'", table);
    }

    /**
     * {@code table} under {@code alias} for a FROM clause, read through the index of its unique constraint
     * {@code constraint} on H2.
     */
    public String uniqueKey(String table, String alias, String constraint) {
        return through(table, alias, constraint, "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE"
                + " TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?", table, constraint);
    }

    private String through(String table, String alias, String key, String lookup, String... names) {
        for (String name : names) {
            if (!name.matches("[a-z_]+")) {
                throw new IllegalArgumentException(name);
            }
        }
        if (!alias.matches("[a-z_]*")) {
            throw new IllegalArgumentException(alias);
        }
        String from = alias.isEmpty() ? table : table + " " + alias;
        if (postgres) {
            return from;
        }
        String index = indexes.computeIfAbsent(table + "/" + key, k -> jdbc.queryForObject(lookup, String.class,
                (Object[]) java.util.Arrays.stream(names).map(n -> n.toUpperCase(Locale.ROOT)).toArray(String[]::new)));
        return from + " USE INDEX (\"" + index + "\")";
    }
}
