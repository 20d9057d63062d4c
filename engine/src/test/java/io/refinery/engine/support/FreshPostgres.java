package io.refinery.engine.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh PostgreSQL database per test run on the machine's server (trust auth), as the engine's datasource. */
public final class FreshPostgres {
    public static final String ADMIN_URL = System.getenv().getOrDefault("REFINERY_TEST_PG_ADMIN_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");

    private FreshPostgres() {
    }

    /** Drops and creates {@code database}, and points {@code spring.datasource.*} at it. */
    public static void register(DynamicPropertyRegistry registry, String database) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
        registry.add("spring.datasource.url", () -> ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }
}
