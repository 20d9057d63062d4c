package io.refinery.workers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.demo.DemoRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A process a manager drew builds the dataset: two variants of the shipped process (without expert review, and with
 * an early QC gate before the review), deployed through {@code /api/models} as a manager, named by a demand's
 * {@code processKey}, run by the real workers over HTTP and the scripted bots, from demand to a sealed release, on H2
 * and on PostgreSQL.
 */
class DrawnProcessEndToEndTest {

    /** The designer's templates of the two variants (GET /api/models/templates/{name} serves the same files). */
    static final String NO_REVIEW = "templates/no-expert-review.bpmn";
    static final String TWO_GATES = "templates/second-qc-gate.bpmn";

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("h2", "dataset-construction-no-review", NO_REVIEW, "expertReview", false),
                Arguments.of("h2", "dataset-construction-two-gates", TWO_GATES, "qcEarly", true),
                Arguments.of("postgres", "dataset-construction-no-review", NO_REVIEW, "expertReview", false),
                Arguments.of("postgres", "dataset-construction-two-gates", TWO_GATES, "qcEarly", true));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("variants")
    void aDrawnVariantGoesFromDemandToASealedRelease(String database, String template, String resource, String step,
                                                      boolean stepRuns, @TempDir Path data) throws Exception {
        try (TestPlatform platform = database.equals("h2") ? TestPlatform.h2(data)
                : TestPlatform.postgres(data, "refinery_drawn_" + template.replace('-', '_'))) {
            platform.startWorker("w1");
            platform.startWorker("w2");
            EngineApi manager = platform.as("manager");
            EngineApi admin = platform.as("admin");

            String xml;
            try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
                xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            JsonNode deployment = manager.postJson("/api/models/deployments", Map.of("name", template,
                    "files", List.of(Map.of("fileName", template + ".bpmn", "xml", xml))));
            JsonNode definition = deployment.path("definitions").get(0);
            assertThat(definition.path("key").asText()).isEqualTo(template);
            assertThat(deployment.path("contract").get(0).path("datasetProcess").asBoolean()).isTrue();

            Map<String, Object> demand = new java.util.LinkedHashMap<>(DemoRun.demand(template + "-" + database));
            demand.put("processKey", template);
            // annotators who agree in round 1: without a review the agreed answers are the final ones
            DemoRun.Outcome outcome = new DemoRun(platform.url, Duration.ofMinutes(8), 0).run(demand);

            Path dir = Path.of(outcome.releasePath());
            JsonNode manifest = EndToEndChecks.JSON.readTree(dir.resolve("manifest.json").toFile());
            assertThat(manifest.path("lineage").path("processDefinitionKey").asText()).isEqualTo(template);
            assertThat(manifest.path("lineage").path("processDefinitionVersion").asInt())
                    .isEqualTo(definition.path("version").asInt());
            JsonNode expected = EndToEndChecks.expected();
            assertThat(Files.readAllLines(dir.resolve("data.jsonl"))).hasSize(expected.path("itemsAfterDedup").asInt());
            JsonNode report = EndToEndChecks.JSON.readTree(dir.resolve("quality-report.json").toFile());
            assertThat(report.path("passed").asBoolean()).isTrue();

            JsonNode ran = admin.get("/engine-rest/history/activity-instance?processInstanceId="
                    + outcome.processInstanceId() + "&activityId=" + step);
            assertThat(ran.size() > 0).as(step + " ran in " + template).isEqualTo(stepRuns);
            assertThat(admin.get("/engine-rest/history/process-instance/" + outcome.processInstanceId())
                    .path("processDefinitionKey").asText()).isEqualTo(template);
        }
    }
}
