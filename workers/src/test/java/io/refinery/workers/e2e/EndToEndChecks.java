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

    private EndToEndChecks() {
    }
}
