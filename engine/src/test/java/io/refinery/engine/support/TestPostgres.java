package io.refinery.engine.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh PostgreSQL database per test run on the machine's server (user postgres, trust auth). */
public final class TestPostgres {
    static final String ADMIN_URL = System.getenv().getOrDefault("REFINERY_TEST_PG_ADMIN_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");

    /** Drops and creates {@code database}, and points the test's data source at it. */
    public static void freshDatabase(DynamicPropertyRegistry registry, String database) throws Exception {
        String url = freshDatabase(database);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    /** Drops and creates {@code database}; returns its JDBC URL (user postgres, no password). */
    public static String freshDatabase(String database) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database;
    }

    private TestPostgres() {
    }
}
