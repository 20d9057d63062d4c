package io.refinery.engine.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.support.ApiCalls;
import io.refinery.engine.support.ApiCalls.Answer;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The human side over HTTP, with the automated steps played by hand: keyed bulk writes are idempotent, the two
 * labels of a package come from two different people, nobody sees the other's answers, incomplete packages
 * cannot be submitted, and tasks of other people or other roles are closed.
 */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/labeling",
                "spring.datasource.url=jdbc:h2:mem:labeling;DB_CLOSE_DELAY=-1"})
class LabelingFlowTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Value("${local.server.port}")
    int port;

    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    org.camunda.bpm.engine.TaskService taskService;

    Answer call(String method, String path, String user, String body, String contentType) throws Exception {
        return new ApiCalls(port).call(method, path, user, body, contentType);
    }

    Answer call(String method, String path, String user, Object body) throws Exception {
        return new ApiCalls(port).call(method, path, user, body);
    }

    void completeExternal(String topic, Map<String, Object> vars) {
        ApiCalls.completeExternal(externalTasks, topic, vars);
    }

    JsonNode task(String user, String processInstanceId, String kind, int nth) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode t : call("GET", "/api/tasks", user, null).body()) {
            if (t.path("processInstanceId").asText().equals(processInstanceId) && t.path("kind").asText().equals(kind)) {
                found.add(t);
            }
        }
        return found.size() > nth ? found.get(nth) : null;
    }

    @Test
    void doubleAnnotationByDistinctPeopleWithServerSideRules() throws Exception {
        Answer started = call("POST", "/api/demands", "manager", Map.of("name", "flow-test", "taskType",
                "text-classification", "labelSet", List.of("a", "b"), "targetSize", 4, "source", "upload",
                "packageSize", 2, "overlap", 2));
        assertThat(started.status()).isEqualTo(201);
        long v = started.body().path("versionId").asLong();
        String pi = started.body().path("processInstanceId").asText();

        JsonNode approval = task("manager", pi, "approval", 0);
        assertThat(task("ann1", pi, "approval", 0)).as("annotators do not see the manager's tasks").isNull();
        assertThat(call("POST", "/api/tasks/" + approval.path("id").asText() + "/complete", "ann1",
                Map.of("variables", Map.of("approved", true))).status()).isEqualTo(403);
        assertThat(call("POST", "/api/tasks/" + approval.path("id").asText() + "/complete", "manager",
                Map.of("variables", Map.of("approved", "yes"))).status()).isEqualTo(400);
        assertThat(call("POST", "/api/tasks/" + approval.path("id").asText() + "/complete", "manager",
                Map.of("variables", Map.of("approved", true))).status()).isEqualTo(204);

        // collect: raw rows, sent twice (a redelivered job) — stored once
        String raw = "{\"source\":\"f.jsonl\",\"line\":1,\"payload\":{\"id\":\"r1\",\"text\":\"one\"}}\n"
                + "{\"source\":\"f.jsonl\",\"line\":2,\"payload\":{\"id\":\"r2\",\"text\":\"two\"}}\n"
                + "{\"source\":\"f.jsonl\",\"line\":3,\"payload\":{\"id\":\"r3\",\"text\":\"three\"}}\n"
                + "{\"source\":\"f.jsonl\",\"line\":4,\"payload\":{\"id\":\"r4\",\"text\":\"four\"}}\n";
        assertThat(call("POST", "/api/versions/" + v + "/raw-items", "worker", raw, "application/x-ndjson").body()
                .path("inserted").asLong()).isEqualTo(4);
        JsonNode again = call("POST", "/api/versions/" + v + "/raw-items", "worker", raw, "application/x-ndjson").body();
        assertThat(again.path("received").asLong()).isEqualTo(4);
        assertThat(again.path("inserted").asLong()).as("redelivered: nothing new").isZero();
        Answer bad = call("POST", "/api/versions/" + v + "/raw-items", "worker", "{\"source\":\"f\",\"line\":1}\n",
                "application/x-ndjson");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("message").asText()).contains("line 1").contains("payload");
        Answer broken = call("POST", "/api/versions/" + v + "/raw-items", "worker", "{oops\n", "application/x-ndjson");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body().path("message").asText()).contains("line 1").contains("not valid JSON");
        completeExternal(Topics.COLLECT, Map.of(Vars.COLLECTED_COUNT, 4L));

        // process: items keyed by content hash
        StringBuilder items = new StringBuilder();
        HttpResponse<String> rawStream = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/versions/" + v + "/raw-items")).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("worker:worker".getBytes())).build(), HttpResponse.BodyHandlers.ofString());
        for (String line : rawStream.body().split("\n")) {
            JsonNode r = json.readTree(line);
            String text = r.path("payload").path("text").asText();
            items.append(json.writeValueAsString(Map.of("rawItemId", r.path("rawItemId").asLong(), "externalId",
                    r.path("payload").path("id").asText(), "text", text, "contentHash",
                    String.format("%064x", new java.math.BigInteger(1, java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8))))))).append('\n');
        }
        assertThat(call("POST", "/api/versions/" + v + "/items", "worker", items.toString(), "application/x-ndjson")
                .body().path("inserted").asLong()).isEqualTo(4);
        assertThat(call("POST", "/api/versions/" + v + "/items", "worker", items.toString(), "application/x-ndjson")
                .body().path("inserted").asLong()).as("redelivered: nothing new").isZero();
        completeExternal(Topics.PROCESS, Map.of(Vars.ITEM_COUNT, 4L));

        completeExternal(Topics.PRELABEL, Map.of(Vars.PRELABELED_COUNT, 0L));
        JsonNode plan = call("POST", "/api/versions/" + v + "/rounds/1/plan", "worker", Map.of("packageSize", 2,
                "overlap", 2)).body();
        assertThat(plan.path("labelTaskCount").asInt()).isEqualTo(4);
        assertThat(call("POST", "/api/versions/" + v + "/rounds/1/plan", "worker", Map.of("packageSize", 2, "overlap", 2))
                .body().path("labelTaskCount").asInt()).as("planning twice plans once").isEqualTo(4);
        ApiCalls.planRound(externalTasks, taskService, Topics.PLAN_ROUND, 4);

        // ann1 takes slot 1 of the first package
        JsonNode first = task("ann1", pi, "label", 0);
        String t1 = first.path("id").asText();
        long packageId = first.path("packageId").asLong();
        assertThat(call("POST", "/api/tasks/" + t1 + "/claim", "ann1", null).status()).isEqualTo(200);
        JsonNode pkg = call("GET", "/api/tasks/" + t1 + "/package", "ann1", null).body();
        assertThat(pkg.path("items")).hasSize(2);

        // ann1 may not take the other slot of the same package: it is hidden and refused
        JsonNode other = null;
        for (JsonNode t : call("GET", "/api/tasks", "ann2", null).body()) {
            if (t.path("packageId").asLong() == packageId && !t.path("id").asText().equals(t1)) {
                other = t;
            }
        }
        assertThat(other).isNotNull();
        String t2 = other.path("id").asText();
        for (JsonNode t : call("GET", "/api/tasks", "ann1", null).body()) {
            assertThat(t.path("id").asText()).as("ann1's inbox hides the second slot").isNotEqualTo(t2);
        }
        assertThat(call("POST", "/api/tasks/" + t2 + "/claim", "ann1", null).status()).isEqualTo(409);
        assertThat(call("POST", "/api/tasks/" + t2 + "/claim", "ann2", null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/tasks/" + t1 + "/package", "ann2", null).status()).as("another's task").isEqualTo(403);

        // answers: validated, autosaved, invisible to the other annotator; incomplete packages are refused
        long item1 = pkg.path("items").get(0).path("itemId").asLong();
        long item2 = pkg.path("items").get(1).path("itemId").asLong();
        assertThat(call("PUT", "/api/tasks/" + t1 + "/items/" + item1 + "/annotation", "ann1", Map.of("label", "zzz"))
                .status()).isEqualTo(400);
        assertThat(call("PUT", "/api/tasks/" + t1 + "/items/" + item1 + "/annotation", "ann1", Map.of("label", "a"))
                .status()).isEqualTo(204);
        Answer early = call("POST", "/api/tasks/" + t1 + "/complete", "ann1", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().path("message").asText()).contains("1 of 2 items");
        JsonNode seenByAnn2 = call("GET", "/api/tasks/" + t2 + "/package", "ann2", null).body();
        seenByAnn2.path("items").forEach(i -> assertThat(i.path("answer").asText(null)).isNull());
        assertThat(call("PUT", "/api/tasks/" + t2 + "/items/" + item1 + "/annotation", "ann1", Map.of("label", "b"))
                .status()).as("labelling on another's task").isEqualTo(403);

        call("PUT", "/api/tasks/" + t1 + "/items/" + item1 + "/annotation", "ann1", Map.of("label", "b"));
        call("PUT", "/api/tasks/" + t1 + "/items/" + item2 + "/annotation", "ann1", Map.of("label", "b"));
        JsonNode resumed = call("GET", "/api/tasks/" + t1 + "/package", "ann1", null).body();
        assertThat(resumed.path("answered").asInt()).isEqualTo(2);
        assertThat(resumed.path("items").get(0).path("answer").asText()).isEqualTo("b");
        assertThat(call("POST", "/api/tasks/" + t1 + "/complete", "ann1", null).status()).isEqualTo(204);

        // review endpoints belong to experts
        assertThat(call("GET", "/api/tasks/" + t2 + "/review", "ann2", null).status()).isEqualTo(403);
    }
}
