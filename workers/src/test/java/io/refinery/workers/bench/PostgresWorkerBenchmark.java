package io.refinery.workers.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/** The worker benchmark on the machine's PostgreSQL, in a fresh database. */
class PostgresWorkerBenchmark extends WorkerBenchmark {

    @Override
    String database() {
        return "PostgreSQL";
    }

    @Override
    Map<String, String> databaseProperties() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS refinery_bench WITH (FORCE)");
            s.execute("CREATE DATABASE refinery_bench");
        }
        return Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/refinery_bench",
                "spring.datasource.username", "postgres", "spring.datasource.password", "");
    }
}
