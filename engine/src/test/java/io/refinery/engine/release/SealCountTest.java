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

    /**
     * The seal checks each file against the SHA-256 the engine computed while receiving it (not a second read of
     * every file): a manifest naming another hash is refused, and so is a staged file that changed after it arrived
     * (its size no longer matches what was received, so it is read and hashed again).
     */
    @Test
    void aFileThatDoesNotMatchTheManifestOrChangedAfterItsUploadIsRefused() throws Exception {
        CatalogFixture fixture = new CatalogFixture(context);
        ReleaseService releases = context.getBean(ReleaseService.class);
        long versionId = fixture.version(fixture.dataset("seal-hash-" + System.nanoTime()), LABELS,
                CatalogFixture.items("ticket", 3, LABELS));
        String data = "{\"text\":\"a\"}\n";
        String received = releases.putFile(versionId, "data.jsonl", new java.io.ByteArrayInputStream(data.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(received).isEqualTo(CatalogFixture.sha256(data));

        putManifest(releases, versionId, data.length(), "0".repeat(64));
        assertThatThrownBy(() -> releases.seal(versionId, 3, "worker")).hasMessageContaining(
                "'data.jsonl' does not match manifest.json");

        var v = context.getBean(io.refinery.engine.dataset.DatasetRepository.class).version(versionId).orElseThrow();
        java.nio.file.Path staged = releases.staging(v).resolve("data.jsonl");
        java.nio.file.Files.writeString(staged, "{\"text\":\"b\"}\n{\"text\":\"c\"}\n");
        putManifest(releases, versionId, data.length() * 2, CatalogFixture.sha256(data));
        assertThatThrownBy(() -> releases.seal(versionId, 3, "worker")).as("changed after it was received")
                .hasMessageContaining("'data.jsonl' does not match manifest.json");

        String changed = java.nio.file.Files.readString(staged);
        putManifest(releases, versionId, changed.length(), CatalogFixture.sha256(changed));
        assertThat(releases.seal(versionId, 3, "worker").itemCount()).as("read and hashed again, it matches")
                .isEqualTo(3);
        try (var left = java.nio.file.Files.list(java.nio.file.Path.of(releases.forVersion(versionId).orElseThrow()
                .path()))) {
            assertThat(left.map(f -> f.getFileName().toString())).as("no hash records in the release")
                    .containsExactlyInAnyOrder("data.jsonl", ReleaseService.MANIFEST);
        }
    }

    private static void putManifest(ReleaseService releases, long versionId, long bytes, String sha256)
            throws java.io.IOException {
        String manifest = "{\"files\":[{\"path\":\"data.jsonl\",\"bytes\":" + bytes + ",\"sha256\":\"" + sha256
                + "\"}]}";
        releases.putFile(versionId, ReleaseService.MANIFEST, new java.io.ByteArrayInputStream(
                manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
