package io.refinery.workers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.collect.CollectHandler;
import io.refinery.workers.demo.DemoRun;
import io.refinery.workers.runtime.Job;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feedback loop reaches the next version: a model error posted for the dataset is confirmed by the expert in
 * the model-feedback run (the expected label corrected once), and the dataset's next build collects it beside its
 * uploaded rows as a row of source {@code hard-examples}, carrying the confirmed label; a discarded one stays out.
 */
class HardExamplesCollectedTest {

    @Test
    void confirmedModelErrorsJoinTheNextVersionsCollect(@TempDir Path data) throws Exception {
        try (TestPlatform platform = TestPlatform.h2(data)) {
            EngineApi manager = platform.as("manager");
            EngineApi expert = platform.as("expert");
            EngineApi worker = platform.as("worker");
            JsonNode first = manager.postJson("/api/demands", DemoRun.demand("hard-examples"));
            long datasetId = first.path("datasetId").asLong();

            JsonNode posted = manager.postJson("/api/catalog/datasets/" + datasetId + "/feedback", Map.of("errors", List.of(
                    Map.of("text", "my bill doubled after the outage", "fields", Map.of("channel", "app"),
                            "predicted", "outage", "expected", "billing"),
                    Map.of("text", "asdf", "predicted", "account", "expected", "complaint"),
                    Map.of("text", "长".repeat(2001), "predicted", "account", "expected", "complaint"))));
            Task review = platform.bean(TaskService.class).createTaskQuery()
                    .processInstanceId(posted.path("runId").asText()).singleResult();
            String reviewPath = "/api/tasks/" + review.getId() + "/feedback";
            JsonNode entries = expert.get(reviewPath).path("entries");
            expert.putJson(reviewPath + "/" + entries.get(0).path("id").asLong(), Map.of("decision", "confirm"));
            expert.putJson(reviewPath + "/" + entries.get(1).path("id").asLong(), Map.of("decision", "discard"));
            expert.putJson(reviewPath + "/" + entries.get(2).path("id").asLong(), Map.of("decision", "confirm"));
            expert.postJson(reviewPath + "/complete", Map.of());

            JsonNode next = manager.postJson("/api/demands", DemoRun.demand("hard-examples"));
            assertThat(next.path("datasetId").asLong()).as("same dataset, next version").isEqualTo(datasetId);
            long v = next.path("versionId").asLong();
            manager.putBytes("/api/versions/" + v + "/sources/messages.jsonl",
                    "{\"id\":\"m1\",\"text\":\"no signal since noon\"}\n".getBytes(StandardCharsets.UTF_8),
                    "application/x-ndjson");
            Job collect = new Job("collect", Topics.COLLECT, next.path("processInstanceId").asText(), null, 1,
                    Map.of(Vars.VERSION_ID, v, Vars.DATASET_ID, datasetId, Vars.SOURCE, "upload",
                            Vars.TASK_TYPE, "text-classification"));
            Map<String, Object> result = new CollectHandler(worker, null).handle(collect);

            assertThat(result.get(Vars.COLLECTED_COUNT)).isEqualTo(2L);
            assertThat(result.get(Vars.QUARANTINED_COUNT)).as("the over-long one, by the same row checks").isEqualTo(1L);
            List<JsonNode> quarantined = new ArrayList<>();
            worker.streamNdjson("/api/versions/" + v + "/quarantine", quarantined::add);
            assertThat(quarantined).singleElement().satisfies(q -> {
                assertThat(q.path("source").asText()).isEqualTo(CollectHandler.HARD_EXAMPLES);
                assertThat(q.path("reason").asText()).contains("text");
            });
            List<JsonNode> rows = new ArrayList<>();
            worker.streamNdjson("/api/versions/" + v + "/raw-items", rows::add);
            assertThat(rows).extracting(r -> r.path("source").asText())
                    .containsExactlyInAnyOrder("messages.jsonl", CollectHandler.HARD_EXAMPLES);
            JsonNode hard = rows.stream().filter(r -> r.path("source").asText().equals(CollectHandler.HARD_EXAMPLES))
                    .findFirst().orElseThrow().path("payload");
            assertThat(hard.path("text").asText()).isEqualTo("my bill doubled after the outage");
            assertThat(hard.path("channel").asText()).isEqualTo("app");
            assertThat(hard.path("hardExample").path("expected").asText()).isEqualTo("billing");
            assertThat(manager.get("/api/versions/" + v).path("stats").path("collect").path("sources").toString())
                    .contains("hard-examples");
        }
    }
}
