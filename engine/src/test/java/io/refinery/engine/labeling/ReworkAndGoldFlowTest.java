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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Answers as JSON values, rework of rejected items by their own annotators, and gold items, over HTTP with the
 * automated steps played by hand (as {@link LabelingFlowTest}).
 */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/rework-gold",
                "spring.datasource.url=jdbc:h2:mem:rework-gold;DB_CLOSE_DELAY=-1"})
class ReworkAndGoldFlowTest {
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

    List<JsonNode> tasks(String user, String pi, String kind) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode t : call("GET", "/api/tasks", user, null).body()) {
            if (t.path("processInstanceId").asText().equals(pi) && t.path("kind").asText().equals(kind)) {
                found.add(t);
            }
        }
        return found;
    }

    /** Files, approves, collects, processes and cuts a version: returns {versionId, processInstanceId}. */
    String[] buildUpToLabelling(String name, List<String> texts, int packageSize) throws Exception {
        Answer started = call("POST", "/api/demands", "manager", Map.of("name", name, "taskType", "text-classification",
                "labelSet", List.of("a", "b"), "targetSize", texts.size(), "source", "upload", "packageSize", packageSize,
                "overlap", 2));
        long v = started.body().path("versionId").asLong();
        String pi = started.body().path("processInstanceId").asText();
        String approval = tasks("manager", pi, "approval").get(0).path("id").asText();
        call("POST", "/api/tasks/" + approval + "/complete", "manager", Map.of("variables", Map.of("approved", true)));
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            raw.append(json.writeValueAsString(Map.of("source", "f.jsonl", "line", i + 1, "payload",
                    Map.of("id", name + "-" + i, "text", texts.get(i))))).append('\n');
        }
        call("POST", "/api/versions/" + v + "/raw-items", "worker", raw.toString(), "application/x-ndjson");
        completeExternal(Topics.COLLECT, Map.of(Vars.COLLECTED_COUNT, (long) texts.size()));
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
        call("POST", "/api/versions/" + v + "/items", "worker", items.toString(), "application/x-ndjson");
        completeExternal(Topics.PROCESS, Map.of(Vars.ITEM_COUNT, (long) texts.size()));
        completeExternal(Topics.PRELABEL, Map.of(Vars.PRELABELED_COUNT, 0L));
        int count = call("POST", "/api/versions/" + v + "/rounds/1/plan", "worker", Map.of("packageSize", packageSize,
                "overlap", 2)).body().path("labelTaskCount").asInt();
        ApiCalls.planRound(externalTasks, taskService, Topics.PLAN_ROUND, count);
        return new String[] {String.valueOf(v), pi};
    }

    /** The user claims a label task of the process it may take and answers every item with {@code label}. */
    String labelOnePackage(String user, String pi, String label) throws Exception {
        String taskId = tasks(user, pi, "label").stream().filter(t -> t.path("assignee").isNull() || t.path("assignee").isMissingNode()).findFirst().orElseThrow()
                .path("id").asText();
        assertThat(call("POST", "/api/tasks/" + taskId + "/claim", user, null).status()).isEqualTo(200);
        JsonNode pkg = call("GET", "/api/tasks/" + taskId + "/package", user, null).body();
        long current = pkg.path("items").get(0).path("itemId").asLong();
        while (true) { // Enter = save + next: one call per item
            Answer next = call("PUT", "/api/tasks/" + taskId + "/items/" + current + "/annotation-and-next", user,
                    Map.of("value", Map.of("label", label)));
            if (next.status() == 204) {
                break;
            }
            assertThat(next.status()).isEqualTo(200);
            current = next.body().path("itemId").asLong();
        }
        assertThat(call("POST", "/api/tasks/" + taskId + "/complete", user, null).status()).isEqualTo(204);
        return taskId;
    }

    @Test
    void rejectedItemsGoBackToTheirAnnotatorsWithTheReasonAndOnlyThoseAreEditable() throws Exception {
        String[] built = buildUpToLabelling("rework-test", List.of("one", "two", "three", "four"), 2);
        String pi = built[1];
        labelOnePackage("ann1", pi, "a");
        labelOnePackage("ann2", pi, "b");
        labelOnePackage("ann1", pi, "a");
        labelOnePackage("ann2", pi, "a");

        String review = tasks("expert", pi, "review").get(0).path("id").asText();
        JsonNode items = call("GET", "/api/tasks/" + review + "/review", "expert", null).body();
        assertThat(items).hasSize(4);
        long rejected = items.get(0).path("itemId").asLong();
        long acceptedB = items.get(1).path("itemId").asLong();
        assertThat(items.get(0).path("disagreement").asBoolean()).isTrue();
        assertThat(items.get(0).path("annotations").get(0).path("value").path("label").asText()).isEqualTo("a");
        assertThat(call("PUT", "/api/tasks/" + review + "/items/" + rejected + "/review", "expert",
                Map.of("decision", "reject")).status()).as("a rejection needs a reason").isEqualTo(400);
        assertThat(call("PUT", "/api/tasks/" + review + "/items/" + rejected + "/review", "expert",
                Map.of("decision", "reject", "reason", "sarcasm: read it again")).status()).isEqualTo(204);
        assertThat(call("PUT", "/api/tasks/" + review + "/items/" + acceptedB + "/review", "expert",
                Map.of("decision", "accept", "slot", 2)).status()).isEqualTo(204);
        assertThat(call("POST", "/api/tasks/" + review + "/complete", "expert", null).status()).isEqualTo(204);

        // one rework per annotator of the package with the rejected item, assigned to them, hidden from the others
        List<JsonNode> ann1Rework = tasks("ann1", pi, "rework");
        assertThat(ann1Rework).singleElement().satisfies(t -> assertThat(t.path("assignee").asText()).isEqualTo("ann1"));
        assertThat(tasks("ann2", pi, "rework")).hasSize(1);
        assertThat(tasks("ann3", pi, "rework")).isEmpty();
        assertThat(tasks("expert", pi, "review")).as("review waits for the rework").isEmpty();
        String rework1 = ann1Rework.get(0).path("id").asText();
        // the inbox filter lists exactly the rework tasks the rejection created (issue 12: it listed later label rounds)
        JsonNode reworkInbox = call("GET", "/api/inbox?kind=rework", "ann1", null).body();
        assertThat(reworkInbox.path("total").asLong()).isEqualTo(1);
        assertThat(reworkInbox.path("tasks").get(0).path("id").asText()).isEqualTo(rework1);
        assertThat(reworkInbox.path("tasks").get(0).path("kind").asText()).isEqualTo("rework");
        JsonNode labelInbox = call("GET", "/api/inbox?kind=label", "ann1", null).body();
        labelInbox.path("tasks").forEach(t -> assertThat(t.path("id").asText()).isNotEqualTo(rework1));
        assertThat(call("GET", "/api/tasks/" + rework1 + "/package", "ann2", null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/tasks/" + rework1 + "/package", "ann3", null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/tasks/" + rework1 + "/claim", "ann3", null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/tasks/" + rework1 + "/unclaim", "ann1", null).status()).as("stays with ann1")
                .isEqualTo(409);

        JsonNode pkg = call("GET", "/api/tasks/" + rework1 + "/package", "ann1", null).body();
        assertThat(pkg.path("mode").asText()).isEqualTo("rework");
        JsonNode first = pkg.path("items").get(0);
        assertThat(first.path("itemId").asLong()).isEqualTo(rejected);
        assertThat(first.path("reworkReason").asText()).isEqualTo("sarcasm: read it again");
        assertThat(first.path("editable").asBoolean()).isTrue();
        assertThat(pkg.path("items").get(1).path("editable").asBoolean()).isFalse();
        assertThat(call("PUT", "/api/tasks/" + rework1 + "/items/" + acceptedB + "/annotation", "ann1",
                Map.of("label", "b")).status()).as("not rejected: read-only").isEqualTo(403);
        Answer early = call("POST", "/api/tasks/" + rework1 + "/complete", "ann1", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().path("message").asText()).contains("1 of 1 rejected items");
        assertThat(call("PUT", "/api/tasks/" + rework1 + "/items/" + rejected + "/annotation", "ann1",
                Map.of("value", Map.of("label", "b"))).status()).isEqualTo(204);
        assertThat(call("POST", "/api/tasks/" + rework1 + "/complete", "ann1", null).status()).isEqualTo(204);
        String rework2 = tasks("ann2", pi, "rework").get(0).path("id").asText();
        assertThat(call("PUT", "/api/tasks/" + rework2 + "/items/" + rejected + "/annotation", "ann2",
                Map.of("label", "b")).status()).isEqualTo(204);
        assertThat(call("POST", "/api/tasks/" + rework2 + "/complete", "ann2", null).status()).isEqualTo(204);

        // back to the expert: the fixed item is to be decided again; no rejection left → QC
        String again = tasks("expert", pi, "review").get(0).path("id").asText();
        JsonNode second = call("GET", "/api/tasks/" + again + "/review", "expert", null).body();
        assertThat(second.get(0).path("decision").asText()).isEqualTo("reworked");
        assertThat(second.get(0).path("disagreement").asBoolean()).isFalse();
        assertThat(second.get(0).path("annotations").get(0).path("label").asText()).isEqualTo("b");
        assertThat(call("POST", "/api/tasks/" + again + "/complete", "expert", null).status()).isEqualTo(204);
        completeExternal(Topics.QC, qcFailing());
    }

    private static Map<String, Object> qcFailing() {
        Map<String, Object> m = new HashMap<>();
        m.put(Vars.METRIC_COMPLETENESS, 0.0);
        m.put(Vars.METRIC_AGREEMENT, 0.0);
        m.put(Vars.METRIC_KAPPA, 0.0);
        m.put(Vars.METRIC_DUPLICATE_RATE, 0.0);
        m.put(Vars.METRIC_SENSITIVE_RATIO, 0.0);
        m.put(Vars.METRIC_IMBALANCE_RATIO, 0.0);
        m.put(Vars.QC_PASSED, false);
        m.put(Vars.REWORK_TASK_COUNT, 0);
        return m;
    }

    @Test
    void goldItemsAreMixedIntoLaterPackagesUnannouncedAndScored() throws Exception {
        String[] first = buildUpToLabelling("accuracy-test", List.of("g-one", "g-two"), 2);
        labelOnePackage("ann1", first[1], "a");
        labelOnePackage("ann2", first[1], "b");
        String review = tasks("expert", first[1], "review").get(0).path("id").asText();
        JsonNode items = call("GET", "/api/tasks/" + review + "/review", "expert", null).body();
        long goldItem = items.get(0).path("itemId").asLong();
        assertThat(call("PUT", "/api/tasks/" + review + "/items/" + goldItem + "/gold", "ann1",
                Map.of("value", Map.of("label", "b"))).status()).as("experts only").isEqualTo(403);
        assertThat(call("PUT", "/api/tasks/" + review + "/items/" + goldItem + "/gold", "expert",
                Map.of("value", Map.of("label", "zzz"))).status()).isEqualTo(400);
        assertThat(call("PUT", "/api/tasks/" + review + "/items/" + goldItem + "/gold", "expert",
                Map.of("value", Map.of("label", "b"))).status()).isEqualTo(204);
        assertThat(call("GET", "/api/tasks/" + review + "/review", "expert", null).body().get(0).path("gold")
                .path("label").asText()).isEqualTo("b");

        // the next version of the same dataset: one gold item mixed into each package, nothing gives it away
        String[] next = buildUpToLabelling("accuracy-test", List.of("n-one", "n-two", "n-three"), 3);
        String t3 = tasks("ann3", next[1], "label").get(0).path("id").asText();
        call("POST", "/api/tasks/" + t3 + "/claim", "ann3", null);
        JsonNode pkg = call("GET", "/api/tasks/" + t3 + "/package", "ann3", null).body();
        assertThat(pkg.path("items")).hasSize(4);
        assertThat(pkg.toString()).doesNotContain("gold").doesNotContain("Gold");
        for (JsonNode item : pkg.path("items")) {
            boolean isGold = item.path("itemId").asLong() == goldItem;
            assertThat(call("PUT", "/api/tasks/" + t3 + "/items/" + item.path("itemId").asLong() + "/annotation", "ann3",
                    Map.of("label", isGold ? "a" : "b")).status()).isEqualTo(204);
        }
        assertThat(call("GET", "/api/tasks/" + t3 + "/package", "ann3", null).body().path("answered").asInt()).isEqualTo(4);
        assertThat(call("POST", "/api/tasks/" + t3 + "/complete", "ann3", null).status()).isEqualTo(204);
        String t1 = tasks("ann1", next[1], "label").get(0).path("id").asText();
        call("POST", "/api/tasks/" + t1 + "/claim", "ann1", null);
        call("PUT", "/api/tasks/" + t1 + "/items/" + goldItem + "/annotation", "ann1", Map.of("label", "b"));

        Answer accuracy = call("GET", "/api/versions/" + next[0] + "/gold-accuracy", "manager", null);
        assertThat(accuracy.status()).isEqualTo(200);
        assertThat(accuracy.body()).hasSize(2);
        assertThat(accuracy.body().get(0).path("annotator").asText()).isEqualTo("ann1");
        assertThat(accuracy.body().get(0).path("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(accuracy.body().get(1).path("annotator").asText()).isEqualTo("ann3");
        assertThat(accuracy.body().get(1).path("correct").asInt()).isZero();
        assertThat(call("GET", "/api/versions/" + next[0] + "/gold-accuracy", "ann1", null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/versions/" + next[0] + "/gold-accuracy", "expert", null).status()).isEqualTo(200);

        // gold answers stay out of QC: qc-items lists only the version's own items
        HttpResponse<String> qc = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/versions/"
                + next[0] + "/qc-items")).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("worker:worker".getBytes())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(qc.body().lines().count()).isEqualTo(3);
    }
}
