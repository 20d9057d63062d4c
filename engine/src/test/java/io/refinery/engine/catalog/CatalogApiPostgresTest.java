package io.refinery.engine.catalog;

import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.support.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CatalogApiContract} on PostgreSQL (V6 migration, the diff join, the cursor query, grants, usage). */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/catalog-pg", "camunda.bpm.job-execution.enabled=false"})
class CatalogApiPostgresTest extends CatalogApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        TestPostgres.freshDatabase(registry, "refinery_catalog_test");
    }
}
