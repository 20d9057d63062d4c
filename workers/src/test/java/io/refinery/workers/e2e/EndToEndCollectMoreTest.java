package io.refinery.workers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.demo.DemoBots;
import io.refinery.workers.demo.DemoRun;
import io.refinery.workflows.Processes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class with no items fails coverage: the gate sends the build to the manager ("Add data for classes account"),
 * who uploads more rows; collect, process and pre-label run again, only the new packages are labelled, and the
 * second QC releases with every class covered.
 */
class EndToEndCollectMoreTest {

    @Test
    void aMissingClassIsCollectedThenLabelledThenReleased(@TempDir Path data) throws Exception {
        Map<String, String> truth = truth();
        StringBuilder first = new StringBuilder();
        StringBuilder more = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                EndToEndCollectMoreTest.class.getClassLoader().getResourceAsStream(DemoRun.SAMPLE), StandardCharsets.UTF_8))) {
            int n = 0;
            for (String line; (line = in.readLine()) != null && n < 300; n++) {
                String id;
                try {
                    id = EndToEndChecks.JSON.readTree(line).path("id").asText();
                } catch (java.io.IOException broken) {
                    id = ""; // the sample's broken rows stay in the first file, for collect to quarantine
                }
                ("account".equals(truth.get(id)) ? more : first).append(line).append('\n');
            }
        }
        try (TestPlatform platform = TestPlatform.h2(data)) {
            platform.startWorker("w1");
            EngineApi manager = platform.as("manager");
            Map<String, Object> demand = new LinkedHashMap<>(DemoRun.demand("cs-collect-more"));
            demand.put("packageSize", 50);
            demand.put("maxRounds", 2);
            // this slice of the sample is not the whole sample's composition: only coverage may fail here
            demand.put("thresholds", Map.of("minCompleteness", 0.95, "minAgreement", 0.8, "minKappa", 0.7,
                    "maxDuplicateRate", 1.0, "maxSensitiveRatio", 1.0));
            JsonNode started = manager.postJson("/api/demands", demand);
            long version = started.path("versionId").asLong();
            String pi = started.path("processInstanceId").asText();
            String base = "/api/versions/" + version;
            manager.putBytes(base + "/sources/first.jsonl", first.toString().getBytes(StandardCharsets.UTF_8),
                    "application/octet-stream");

            DemoBots bots = new DemoBots(platform.url, truth, 0);
            boolean addedData = false;
            long deadline = System.nanoTime() + 420_000_000_000L;
            JsonNode release = null;
            while (release == null && System.nanoTime() < deadline) {
                for (JsonNode task : manager.get("/api/tasks")) {
                    if (!pi.equals(task.path("processInstanceId").asText())) {
                        continue;
                    }
                    String id = task.path("id").asText();
                    if ("approval".equals(task.path("kind").asText())) {
                        manager.postJson("/api/tasks/" + id + "/complete", Map.of("variables", Map.of("approved", true)));
                    } else if (Processes.Steps.ADD_DATA.equals(task.path("taskDefinitionKey").asText())) {
                        assertThat(addedData).as("asked once").isFalse();
                        manager.putBytes(base + "/sources/more-account.jsonl", more.toString()
                                .getBytes(StandardCharsets.UTF_8), "application/octet-stream");
                        manager.postJson("/api/tasks/" + id + "/claim", Map.of());
                        manager.postJson("/api/tasks/" + id + "/complete", Map.of());
                        addedData = true;
                    }
                }
                int work = bots.annotate("ann1", pi) + bots.annotate("ann2", pi) + bots.review("expert", pi);
                try {
                    release = manager.get(base + "/release");
                } catch (EngineApi.ApiError notYet) {
                    if (work == 0) {
                        Thread.sleep(500);
                    }
                }
            }
            assertThat(release).as("released within 7 minutes").isNotNull();
            assertThat(addedData).isTrue();

            JsonNode results = manager.get(base + "/quality");
            assertThat(results).hasSize(2);
            JsonNode round1 = results.get(0).path("report");
            assertThat(results.get(0).path("passed").asBoolean()).isFalse();
            assertThat(round1.path("failedChecks")).extracting(JsonNode::asText).containsExactly("minClassCount");
            assertThat(round1.path("collectClasses")).extracting(JsonNode::asText).containsExactly("account");
            JsonNode round2 = results.get(1).path("report");
            assertThat(results.get(1).path("passed").asBoolean()).isTrue();
            long account = round2.path("classBalance").path("counts").path("account").asLong();
            assertThat(account).isPositive().isLessThanOrEqualTo(more.toString().lines().count());
            assertThat(round2.path("items").asLong()).as("every item, old and new")
                    .isEqualTo(round1.path("items").asLong() + account);
            assertThat(round2.path("packages").size()).as("new packages").isGreaterThan(round1.path("packages").size());
            assertThat(round2.path("dataAge").path("items").asLong()).as("created_at of the rows").isPositive();

            Path dir = Path.of(release.path("path").asText());
            String html = Files.readString(dir.resolve("quality-report.html"));
            assertThat(html).contains("Passed / 通过").contains("account");
        }
    }

    private static Map<String, String> truth() throws Exception {
        Map<String, String> truth = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(EndToEndCollectMoreTest.class.getClassLoader()
                .getResourceAsStream(DemoRun.ANSWERS), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                List<String> cells = List.of(line.split(",", 2));
                if (cells.size() == 2) {
                    truth.put(cells.get(0), cells.get(1).trim());
                }
            }
        }
        return truth;
    }
}
