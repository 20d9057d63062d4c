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

/**
 * A process a manager drew builds the dataset: two variants of the shipped process (without expert review, and with
 * an early QC gate before the review), deployed through {@code /api/models} as a manager, named by a demand's
 * {@code processKey}, run by the real workers over HTTP and the scripted bots, from demand to a sealed release, on H2
 * and on PostgreSQL. One platform per test class: the surefire configuration gives each class a JVM of its own
 * (Camunda's REST keeps its long-poll handler in a static field, see the workers pom).
 */
abstract class DrawnProcessEndToEnd {

    /** The designer's templates of the two variants (GET /api/models/templates/{name} serves the same files). */
    static final String NO_REVIEW = "templates/no-expert-review.bpmn";
    static final String TWO_GATES = "templates/second-qc-gate.bpmn";

    static final String NO_REVIEW_KEY = "dataset-construction-no-review";
    static final String TWO_GATES_KEY = "dataset-construction-two-gates";

    /**
     * Deploys the template {@code resource} (process key {@code template}) as a manager, files the demo demand for it,
     * lets bots and workers build it and checks the sealed release and which steps ran: {@code step} ran or not.
     */
    static void buildsARelease(String database, String template, String resource, String step, boolean stepRuns,
                               Path data) throws Exception {
        try (TestPlatform platform = database.equals("h2") ? TestPlatform.h2(data)
                : TestPlatform.postgres(data, "refinery_drawn_" + template.replace('-', '_'))) {
            platform.startWorker("w1");
            platform.startWorker("w2");
            EngineApi manager = platform.as("manager");
            EngineApi admin = platform.as("admin");

            String xml;
            try (var in = DrawnProcessEndToEnd.class.getClassLoader().getResourceAsStream(resource)) {
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
