package io.refinery.engine.dataset;

import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.support.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link DatasetStreamsApiTest} on PostgreSQL: the other dialect of insert-if-absent ({@code ON CONFLICT DO NOTHING}),
 * the running counts it keeps, and streaming through a cursor instead of pages.
 */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/dataset-streams-pg", "camunda.bpm.job-execution.enabled=false"})
class DatasetStreamsApiPostgresTest extends DatasetStreamsApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        TestPostgres.freshDatabase(registry, "refinery_dataset_streams_test");
    }
}
