package io.refinery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.catalog.CatalogFixture;
import io.refinery.engine.system.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * A release is sealed only when it holds every item with a final answer: a data file written from a stream that was
 * cut short (a proxy or servlet timeout ending the NDJSON early looks like its normal end) is refused, not published.
 */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/seal-count",
                "spring.datasource.url=jdbc:h2:mem:seal-count;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
class SealCountTest {
    static final List<String> LABELS = List.of("billing", "delivery");

    @Autowired
    ApplicationContext context;

    @Test
    void aReleaseMissingItemsIsRefusedAndTheCompleteOneSealed() throws Exception {
        CatalogFixture fixture = new CatalogFixture(context);
        long datasetId = fixture.dataset("seal-count-" + System.nanoTime());
        long versionId = fixture.version(datasetId, LABELS, CatalogFixture.items("ticket", 12, LABELS));

        assertThatThrownBy(() -> fixture.release(versionId, 11, false))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("lists 11 items, but version " + versionId + " has 12 items with a final answer");
        assertThat(context.getBean(ReleaseService.class).forVersion(versionId)).as("nothing sealed").isEmpty();

        assertThat(fixture.release(versionId, 12, false).itemCount()).isEqualTo(12);
    }
}
