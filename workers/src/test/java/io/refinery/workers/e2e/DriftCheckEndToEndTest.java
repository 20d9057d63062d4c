package io.refinery.workers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.process.ContentHash;
import io.refinery.workflows.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A drift-check schedule run end to end: the engine starts drift-check.bpmn, the worker streams a released version
 * (50 % billing, 50 % delivery) and a newer one (90 % / 10 %) over HTTP, stores PSI 0.879 with the engine, and the
 * managers get the task that names the drift.
 */
class DriftCheckEndToEndTest {

    /** Stores {@code texts} as the version's items, pre-labelled with {@code labels}, as the collect and process steps would. */
    private static void items(EngineApi worker, long versionId, List<String> texts, List<String> labels) throws Exception {
        String base = "/api/versions/" + versionId;
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            raw.append(worker.json().writeValueAsString(Map.of("source", "s.jsonl", "line", i + 1,
                    "payload", Map.of("text", texts.get(i))))).append('\n');
        }
        worker.postNdjson(base + "/raw-items", raw.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder items = new StringBuilder();
        worker.streamNdjson(base + "/raw-items", r -> items.append(worker.json().writeValueAsString(Map.of(
                "rawItemId", r.path("rawItemId").asLong(), "text", r.path("payload").path("text").asText(),
                "contentHash", ContentHash.of(r.path("payload").path("text").asText())))).append('\n'));
        worker.postNdjson(base + "/items", items.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder prelabels = new StringBuilder();
        List<Long> ids = new ArrayList<>();
        worker.streamNdjson(base + "/items", item -> ids.add(item.path("itemId").asLong()));
        for (int i = 0; i < ids.size(); i++) {
            prelabels.append(worker.json().writeValueAsString(Map.of("itemId", ids.get(i), "label", labels.get(i),
                    "rule", "test"))).append('\n');
        }
        worker.postNdjson(base + "/prelabels", prelabels.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> texts(String prefix, int n) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add(prefix + " number " + i);
        }
        return texts;
    }

    @Test
    void shouldMeasureDriftOverHttpAndOpenATaskForTheManagersWhenPsiCrossesItsLimit() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "drift-e2e-").toAbsolutePath();
        try (TestPlatform platform = TestPlatform.h2(dataDir)) {
            platform.startWorker("drift");
            EngineApi manager = platform.as("manager");
            EngineApi worker = platform.as("worker");
            Map<String, Object> demand = Map.of("name", "drift-e2e", "taskType", "text-classification",
                    "labelSet", List.of("billing", "delivery"), "targetSize", 20, "source", "upload");
            JsonNode released = manager.postJson("/api/demands", demand);
            JsonNode newer = manager.postJson("/api/demands", demand);
            List<String> reference = new ArrayList<>(texts("my invoice shows a double charge", 10));
            reference.addAll(texts("the parcel has not arrived yet", 10));
            items(worker, released.path("versionId").asLong(), reference,
                    reference.stream().map(t -> t.startsWith("my") ? "billing" : "delivery").toList());
            List<String> recent = new ArrayList<>(texts("my invoice shows a double charge again", 9));
            recent.add("the parcel has not arrived yet today");
            items(worker, newer.path("versionId").asLong(), recent,
                    recent.stream().map(t -> t.startsWith("my") ? "billing" : "delivery").toList());
            platform.bean(JdbcTemplate.class).update("INSERT INTO dataset_release (version_id, dataset_id, label, path,"
                    + " item_count, manifest_sha256, released_by, released_at) VALUES (?, ?, '1.0', ?, 20, ?, 'manager', ?)",
                    released.path("versionId").asLong(), released.path("datasetId").asLong(), dataDir.toString(),
                    "0".repeat(64), Timestamp.from(Instant.now()));

            JsonNode schedule = manager.postJson("/api/schedules", Map.of("name", "weekly drift", "kind", "drift-check",
                    "cron", "0 0 6 ? * MON", "zone", "UTC", "referenceVersionId", released.path("versionId").asLong()));
            JsonNode firing = manager.postJson("/api/schedules/" + schedule.path("id").asLong() + "/run", Map.of());
            assertThat(firing.path("outcome").asText()).as(firing.toString()).isEqualTo("STARTED");
            String pi = firing.path("processInstanceId").asText();

            Task task = waitForTask(platform.bean(TaskService.class), pi, Duration.ofSeconds(30));
            assertThat(task.getTaskDefinitionKey()).isEqualTo(Processes.DriftSteps.REVIEW);
            assertThat(task.getName()).isEqualTo("Drift on dataset drift-e2e: PSI 0.879 > 0.2, TVD 0.4 > 0.3");
            JsonNode result = manager.get("/api/drift-results/" + pi);
            // reference 50/50, new 90/10: 0.4·ln(1.8) + 0.4·ln(5)
            assertThat(result.path("psi").asDouble()).isCloseTo(0.8788898, within(1e-6));
            assertThat(result.path("tvd").asDouble()).isCloseTo(0.4, within(1e-9));
            assertThat(result.path("exceeded").asBoolean()).isTrue();
            assertThat(result.path("report").path("newCount").asLong()).isEqualTo(10);
            assertThat(result.path("report").path("referenceClasses").path("billing").asLong()).isEqualTo(10);
        }
    }

    private static Task waitForTask(TaskService tasks, String pi, Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            Task task = tasks.createTaskQuery().processInstanceId(pi).singleResult();
            if (task != null) {
                return task;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no task in drift check " + pi + " within " + timeout);
    }
}
