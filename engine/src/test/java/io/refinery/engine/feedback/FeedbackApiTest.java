package io.refinery.engine.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.catalog.CatalogFixture;
import io.refinery.engine.release.ReleaseService;
import io.refinery.engine.support.ApiCalls;
import io.refinery.workflows.Processes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The feedback loop over HTTP: consumers with a grant post model errors (all or nothing, bad entries named by index
 * and field); the first post starts the dataset's model-feedback run, the next joins it; the expert confirms or
 * discards each entry and completes; confirmed ones come out as hard examples (NDJSON) for the next version.
 */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/feedback",
                "spring.datasource.url=jdbc:h2:mem:feedback;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
class FeedbackApiTest {
    static final List<String> LABELS = List.of("billing", "delivery", "refund");
    private final ObjectMapper json = new ObjectMapper();

    @Value("${local.server.port}")
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;

    @Test
    void shouldStartThenJoinARunLetTheExpertDecideAndQueueTheConfirmedAsHardExamples() throws Exception {
        ApiCalls api = new ApiCalls(port);
        CatalogFixture fixture = new CatalogFixture(context);
        long datasetId = fixture.dataset("feedback-" + System.nanoTime());
        long versionId = fixture.version(datasetId, LABELS, CatalogFixture.items("ticket", 30, LABELS));
        ReleaseService.Release release = fixture.release(versionId, 30, false);
        long itemId = jdbc.queryForObject("SELECT MIN(id) FROM item WHERE version_id = ?", Long.class, versionId);
        String path = "/api/catalog/datasets/" + datasetId + "/feedback";
        Map<String, Object> good = Map.of("itemId", itemId, "predicted", "refund", "expected", "billing", "note", "sarcasm");

        assertThat(api.call("POST", path, "consumer", Map.of("errors", List.of(good))).status()).as("no grant").isEqualTo(403);
        assertThat(api.call("POST", path, "manager", Map.of("errors", List.of(good))).status()).isEqualTo(201);
        fixture.grantAt(datasetId, "user:consumer", "1.x");
        assertThat(release.label()).isEqualTo("1.0");

        // all or nothing: every bad entry named by index and field, nothing stored
        long before = count("model_feedback", datasetId);
        ApiCalls.Answer bad = api.call("POST", path, "consumer", Map.of("errors", List.of(good,
                Map.of("itemId", 999_999_999, "predicted", "a", "expected", "billing"),
                Map.of("text", "where is my parcel", "predicted", "refund"),
                Map.of("text", "hi", "predicted", "billing", "expected", "nonsense"),
                Map.of("predicted", "billing", "expected", "refund"))));
        assertThat(bad.status()).isEqualTo(400);
        List<String> problems = new ArrayList<>();
        bad.body().path("errors").forEach(p -> problems.add(p.path("index").asInt() + "." + p.path("field").asText()));
        assertThat(problems).containsExactly("1.itemId", "2.expected", "3.expected", "4.itemId");
        assertThat(bad.body().path("message").asText()).contains("errors[1].itemId", "nothing was stored");
        assertThat(count("model_feedback", datasetId)).isEqualTo(before);
        assertThat(api.call("POST", path, "consumer", "[]", "application/json").status()).isEqualTo(400);

        // the manager's post above started the run; the consumer's posts join it
        ApiCalls.Answer first = api.call("POST", path, "consumer", Map.of("errors", List.of(
                Map.of("text", "the parcel never came, refund me", "fields", Map.of("channel", "mail"),
                        "predicted", "delivery", "expected", "refund"))));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("joined").asBoolean()).isTrue();
        String runId = first.body().path("runId").asText();
        ApiCalls.Answer second = api.call("POST", path, "consumer", Map.of("errors", List.of(
                Map.of("text", "lol", "predicted", "billing", "expected", "refund"))));
        assertThat(second.body().path("runId").asText()).isEqualTo(runId);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Processes.MODEL_FEEDBACK)
                .processInstanceBusinessKey("dataset-" + datasetId).count()).isEqualTo(1);

        // expert review first
        Task review = tasks.createTaskQuery().processInstanceId(runId).singleResult();
        assertThat(review.getTaskDefinitionKey()).isEqualTo(Processes.Feedback.REVIEW);
        String reviewPath = "/api/tasks/" + review.getId() + "/feedback";
        assertThat(api.call("GET", reviewPath, "ann1", null).status()).isEqualTo(403);
        ApiCalls.Answer generic = api.call("POST", "/api/tasks/" + review.getId() + "/complete", "expert", Map.of());
        assertThat(generic.status()).as("not around the decisions by the generic completion").isEqualTo(409);
        assertThat(generic.body().toString()).contains("/feedback/complete");
        JsonNode shown = api.call("GET", reviewPath, "expert", null).body();
        assertThat(json.convertValue(shown.path("labels"), List.class)).isEqualTo(LABELS);
        assertThat(shown.path("entries")).hasSize(3);
        List<Long> ids = new ArrayList<>();
        shown.path("entries").forEach(e -> ids.add(e.path("id").asLong()));
        assertThat(shown.path("entries").get(0).path("text").asText()).isEqualTo("ticket 0");
        assertThat(shown.path("entries").get(0).path("predicted").asText()).isEqualTo("refund");
        assertThat(api.call("POST", reviewPath + "/complete", "expert", null).status()).as("undecided").isEqualTo(409);

        assertThat(api.call("PUT", reviewPath + "/" + ids.get(0), "expert", Map.of("decision", "confirm")).status()).isEqualTo(200);
        assertThat(api.call("PUT", reviewPath + "/" + ids.get(1), "expert", Map.of("decision", "confirm", "label", "delivery"))
                .body().path("decidedLabel").asText()).isEqualTo("delivery");
        assertThat(api.call("PUT", reviewPath + "/" + ids.get(2), "expert", Map.of("decision", "confirm", "label", "nope"))
                .status()).isEqualTo(400);
        assertThat(api.call("PUT", reviewPath + "/" + ids.get(2), "expert", Map.of("decision", "discard")).status()).isEqualTo(200);
        assertThat(api.call("POST", reviewPath + "/complete", "expert", null).status()).isEqualTo(204);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(runId).count()).as("run ended").isZero();

        // hard examples for the next version's collect
        ApiCalls.Answer none = api.call("GET", "/api/datasets/" + datasetId + "/hard-examples", "consumer", null);
        assertThat(none.status()).isEqualTo(403);
        var raw = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/api/datasets/" + datasetId + "/hard-examples"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("worker:worker".getBytes()))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : raw.body().split("\n")) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).extracting(l -> l.path("text").asText() + "=" + l.path("label").asText())
                .containsExactly("ticket 0=billing", "the parcel never came, refund me=delivery");
        assertThat(lines.get(0).path("sourceItemId").asLong()).isEqualTo(itemId);
        assertThat(lines.get(1).path("fields").path("channel").asText()).isEqualTo("mail");

        // the run is over: the next post starts a new one
        ApiCalls.Answer later = api.call("POST", path, "consumer", Map.of("errors", List.of(good)));
        assertThat(later.body().path("joined").asBoolean()).isFalse();
        assertThat(later.body().path("runId").asText()).isNotEqualTo(runId);
    }

    long count(String table, long datasetId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE dataset_id = ?", Long.class, datasetId);
    }
}
