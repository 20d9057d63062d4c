package io.refinery.workers.bench;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** A fresh PostgreSQL database for a benchmark run (127.0.0.1:5432, user postgres), and the platform's options for it. */
final class BenchPostgres {
    private BenchPostgres() {
    }

    /** Drops and creates {@code database}; returns the Spring options that point the platform at it. */
    static List<String> fresh(String database) throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
        return List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + database,
                "--spring.datasource.username=postgres", "--spring.datasource.password=");
    }
}
