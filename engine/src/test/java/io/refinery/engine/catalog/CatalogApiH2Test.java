package io.refinery.engine.catalog;

import io.refinery.engine.HeadlessEngine;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link CatalogApiContract} on H2. */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/catalog",
                "spring.datasource.url=jdbc:h2:mem:catalog;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
class CatalogApiH2Test extends CatalogApiContract {
}
