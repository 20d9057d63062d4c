package io.refinery.engine.modeling;

import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.support.FreshPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ModelsApiContract} on PostgreSQL (the machine's server, trust auth; a fresh database per run). */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "refinery.data-dir=target/test-data/models-pg")
class ModelsApiPostgresTest extends ModelsApiContract {
    static final String DATABASE = "refinery_models_test";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        FreshPostgres.register(registry, DATABASE);
    }
}
