package io.refinery.workers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workers.demo.DemoRun;
import io.refinery.workers.release.ManifestVerifier;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The whole build on one platform, with the release checked against the sample's known composition. */
final class EndToEndChecks {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode expected() throws Exception {
        try (InputStream in = EndToEndChecks.class.getClassLoader()
                .getResourceAsStream("samples/customer-service/expected.json")) {
            return JSON.readTree(in);
        }
    }

    static DemoRun.Outcome runDemo(TestPlatform platform, String datasetName) throws Exception {
        platform.startWorker("w1");
        platform.startWorker("w2");
        return new DemoRun(platform.url, Duration.ofMinutes(8)).run(DemoRun.demand(datasetName));
    }

    static void assertRelease(DemoRun.Outcome outcome) throws Exception {
        JsonNode expected = expected();
        Path dir = Path.of(outcome.releasePath());
        assertThat(ManifestVerifier.verify(dir)).as("manifest checksums").isEmpty();
        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
        Set<String> listed = new HashSet<>();
        manifest.path("files").forEach(f -> listed.add(f.path("path").asText()));
        assertThat(listed).contains("data.jsonl", "quarantine.jsonl", "quality-report.json", "datasheet.md");
        assertThat(listed).contains("data.csv", "data.parquet", "train.jsonl", "validation.jsonl", "test.jsonl");
        assertThat(manifest.path("lineage").path("processDefinitionKey").asText()).isEqualTo("dataset-construction");
        assertThat(manifest.path("lineage").path("sources").get(0).path("sha256").asText()).hasSize(64);

        List<String> data = Files.readAllLines(dir.resolve("data.jsonl"));
        assertThat(data).hasSize(expected.path("itemsAfterDedup").asInt());
        Set<String> ids = new HashSet<>();
        Set<String> texts = new HashSet<>();
        for (String line : data) {
            JsonNode item = JSON.readTree(line);
            assertThat(ids.add(item.path("id").asText())).as("duplicate id " + item.path("id")).isTrue();
            assertThat(texts.add(item.path("text").asText())).as("duplicate text " + item.path("text")).isTrue();
        }
        List<String> quarantine = Files.readAllLines(dir.resolve("quarantine.jsonl"));
        assertThat(quarantine).hasSize(expected.path("brokenRows").asInt());

        JsonNode report = JSON.readTree(dir.resolve("quality-report.json").toFile());
        assertThat(report.path("items").asLong()).isEqualTo(expected.path("itemsAfterDedup").asLong());
        assertThat(report.path("collected").asLong()).isEqualTo(expected.path("goodRows").asLong());
        assertThat(report.path("duplicates").asLong()).isEqualTo(expected.path("duplicatesAfterNormalization").asLong());
        assertThat(report.path("sensitiveItems").asLong()).isEqualTo(expected.path("sensitiveRows").asLong());
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(Files.readString(dir.resolve("datasheet.md"))).contains("customer-service");
    }

    /**
     * Collect and process reported their progress while they ran, and a last report when they ended: every row, the
     * whole source read (bytes of the upload), the rate, and no longer running.
     */
    static void assertProgress(TestPlatform platform, DemoRun.Outcome outcome) throws Exception {
        JsonNode version = new io.refinery.workers.api.EngineApi(platform.url, "manager", "manager")
                .get(io.refinery.workflows.api.WorkerApi.version(outcome.versionId()));
        JsonNode collect = version.path("progress").path("collect");
        JsonNode collected = version.path("stats").path("collect");
        assertThat(collect.path("running").asBoolean(true)).as("collect ended").isFalse();
        assertThat(collect.path("unit").asText()).isEqualTo("bytes");
        assertThat(collect.path("rows").asLong()).isEqualTo(collected.path("accepted").asLong()
                + collected.path("quarantined").asLong());
        long uploaded = 0;
        for (JsonNode source : version.path("sources")) {
            uploaded += source.path("bytes").asLong();
        }
        assertThat(collect.path("total").asLong()).isEqualTo(uploaded).isPositive();
        assertThat(collect.path("done").asLong()).isEqualTo(uploaded);
        assertThat(collect.path("rowsPerSecond").asDouble()).isPositive();
        JsonNode process = version.path("progress").path("process");
        assertThat(process.path("running").asBoolean(true)).as("process ended").isFalse();
        assertThat(process.path("rows").asLong()).isEqualTo(collected.path("accepted").asLong())
                .isEqualTo(process.path("total").asLong());
    }

    private EndToEndChecks() {
    }
}
