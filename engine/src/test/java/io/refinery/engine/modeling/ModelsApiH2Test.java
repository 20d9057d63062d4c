package io.refinery.engine.modeling;

import io.refinery.engine.HeadlessEngine;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link ModelsApiContract} on H2. */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/models-h2",
                "spring.datasource.url=jdbc:h2:mem:models;DB_CLOSE_DELAY=-1"})
class ModelsApiH2Test extends ModelsApiContract {
}
