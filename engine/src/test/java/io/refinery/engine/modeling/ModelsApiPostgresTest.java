package io.refinery.engine.modeling;

import io.refinery.engine.HeadlessEngine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ModelsApiContract} on PostgreSQL (the machine's server, trust auth; a fresh database per run). */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "refinery.data-dir=target/test-data/models-pg")
class ModelsApiPostgresTest extends ModelsApiContract {
    static final String ADMIN_URL = System.getenv().getOrDefault("REFINERY_TEST_PG_ADMIN_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String DATABASE = "refinery_models_test";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
        registry.add("spring.datasource.url", () -> ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }
}
