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

    /** A run through collect, process and planning by hand (as the workers would), one item per package. */
    private String[] plannedRound(String name, int items) throws Exception {
        Answer started = call("POST", "/api/demands", "manager", Map.of("name", name, "taskType",
                "text-classification", "labelSet", List.of("a", "b"), "targetSize", items, "source", "upload",
                "packageSize", 1, "overlap", 2));
        long v = started.body().path("versionId").asLong();
        String pi = started.body().path("processInstanceId").asText();
        call("POST", "/api/tasks/" + task("manager", pi, "approval", 0).path("id").asText() + "/complete", "manager",
                Map.of("variables", Map.of("approved", true)));
        StringBuilder raw = new StringBuilder();
        for (int n = 1; n <= items; n++) {
            raw.append("{\"source\":\"f.jsonl\",\"line\":").append(n).append(",\"payload\":{\"text\":\"t")
                    .append(n).append("\"}}\n");
        }
        call("POST", "/api/versions/" + v + "/raw-items", "worker", raw.toString(), "application/x-ndjson");
        completeExternal(Topics.COLLECT, Map.of(Vars.COLLECTED_COUNT, (long) items));
        StringBuilder rows = new StringBuilder();
        for (String line : http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/versions/"
                + v + "/raw-items")).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                "worker:worker".getBytes())).build(), HttpResponse.BodyHandlers.ofString()).body().split("\n")) {
            JsonNode r = json.readTree(line);
            rows.append(json.writeValueAsString(Map.of("rawItemId", r.path("rawItemId").asLong(), "text",
                    r.path("payload").path("text").asText(), "contentHash", String.format("%064x", r.path("rawItemId")
                            .asLong())))).append('\n');
        }
        call("POST", "/api/versions/" + v + "/items", "worker", rows.toString(), "application/x-ndjson");
        completeExternal(Topics.PROCESS, Map.of(Vars.ITEM_COUNT, (long) items));
        completeExternal(Topics.PRELABEL, Map.of(Vars.PRELABELED_COUNT, 0L));
        call("POST", "/api/versions/" + v + "/rounds/1/plan", "worker", Map.of("packageSize", 1, "overlap", 2));
        ApiCalls.planRound(externalTasks, taskService, Topics.PLAN_ROUND, items * 2);
        return new String[] {String.valueOf(v), pi};
    }

    /**
     * One person taking both slots of a package at the same moment (two tabs, a double click): one claim wins, the
     * other is refused with 409, never both, and neither fails on a deadlock of the two claims.
     */
    @Test
    void twoClaimsOfOnePackageAtOnceTakeOneSlot() throws Exception {
        String pi = plannedRound("claims-at-once", 8)[1];
        Map<Long, List<String>> slotsByPackage = new java.util.TreeMap<>();
        for (JsonNode t : call("GET", "/api/tasks?max=1000", "ann1", null).body()) {
            if (t.path("processInstanceId").asText().equals(pi) && t.path("kind").asText().equals("label")) {
                slotsByPackage.computeIfAbsent(t.path("packageId").asLong(), k -> new ArrayList<>()).add(t.path("id").asText());
            }
        }
        assertThat(slotsByPackage).hasSize(8).allSatisfy((p, tasks) -> assertThat(tasks).hasSize(2));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (List<String> both : slotsByPackage.values()) {
                var start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Integer>> claims = new ArrayList<>();
                for (String taskId : both) {
                    claims.add(pool.submit(() -> {
                        start.await();
                        return call("POST", "/api/tasks/" + taskId + "/claim", "ann1", null).status();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (var claim : claims) {
                    statuses.add(claim.get());
                }
                assertThat(statuses).as("claims of both slots of one package at once").containsExactlyInAnyOrder(200, 409);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A package's answers are settled when its last slot is submitted (not when the whole round is reviewed): the
     * agreed item counts as labelled at once, the disputed one does not, and the review keeps the agreed answer.
     */
    @Test
    void aPackageIsSettledWhenItsLastSlotIsSubmitted() throws Exception {
        String[] run = plannedRound("settled-per-package", 2);
        long v = Long.parseLong(run[0]);
        String pi = run[1];
        Map<Long, String[]> slots = new java.util.TreeMap<>();
        for (String user : List.of("ann1", "ann2")) {
            for (JsonNode t : call("GET", "/api/tasks?max=1000", user, null).body()) {
                if (t.path("processInstanceId").asText().equals(pi) && t.path("kind").asText().equals("label")
                        && call("POST", "/api/tasks/" + t.path("id").asText() + "/claim", user, null).status() == 200) {
                    slots.computeIfAbsent(t.path("packageId").asLong(), k -> new String[2])[user.equals("ann1") ? 0 : 1] =
                            t.path("id").asText();
                }
            }
        }
        assertThat(slots).hasSize(2);
        long[] items = new long[2];
        int n = 0;
        for (String[] both : slots.values()) {
            items[n] = call("GET", "/api/tasks/" + both[0] + "/package", "ann1", null).body().path("items").get(0)
                    .path("itemId").asLong();
            call("PUT", "/api/tasks/" + both[0] + "/items/" + items[n] + "/annotation", "ann1", Map.of("label", "a"));
            assertThat(call("POST", "/api/tasks/" + both[0] + "/complete", "ann1", null).status()).isEqualTo(204);
            assertThat(labelled(v)).as("one slot submitted: nothing settled").isEqualTo(n == 0 ? 0 : 1);
            call("PUT", "/api/tasks/" + both[1] + "/items/" + items[n] + "/annotation", "ann2",
                    Map.of("label", n == 0 ? "a" : "b"));
            assertThat(call("POST", "/api/tasks/" + both[1] + "/complete", "ann2", null).status()).isEqualTo(204);
            n++;
        }
        assertThat(labelled(v)).as("the agreed item, not the disputed one").isEqualTo(1);
        JsonNode review = null;
        for (int tries = 0; review == null && tries < 50; tries++) {
            review = task("expert", pi, "review", 0);
            Thread.sleep(100);
        }
        assertThat(review).isNotNull();
        String reviewId = review.path("id").asText();
        call("POST", "/api/tasks/" + reviewId + "/claim", "expert", null);
        assertThat(call("PUT", "/api/tasks/" + reviewId + "/items/" + items[1] + "/review", "expert",
                Map.of("decision", "fix", "label", "b")).status()).isEqualTo(204);
        assertThat(call("POST", "/api/tasks/" + reviewId + "/complete", "expert", null).status()).isEqualTo(204);
        assertThat(labelled(v)).as("the expert settled the disputed one; the agreed one stays").isEqualTo(2);
    }

    /**
     * A team submitting packages of the same wave at the same moment: every submission is accepted (the engine
     * repeats one whose transaction lost to another's on the wave's counters), none fails with a 500.
     */
    @Test
    void packagesOfOneWaveSubmittedAtTheSameMomentAreAllAccepted() throws Exception {
        String pi = plannedRound("submitted-at-once", 12)[1];
        List<String[]> held = new ArrayList<>();
        for (String user : List.of("ann1", "ann2")) {
            for (JsonNode t : call("GET", "/api/tasks?max=1000", user, null).body()) {
                if (t.path("processInstanceId").asText().equals(pi) && t.path("kind").asText().equals("label")
                        && call("POST", "/api/tasks/" + t.path("id").asText() + "/claim", user, null).status() == 200) {
                    held.add(new String[] {t.path("id").asText(), user});
                }
            }
        }
        assertThat(held).hasSize(24);
        for (String[] task : held) {
            for (JsonNode item : call("GET", "/api/tasks/" + task[0] + "/package", task[1], null).body().path("items")) {
                call("PUT", "/api/tasks/" + task[0] + "/items/" + item.path("itemId").asLong() + "/annotation", task[1],
                        Map.of("label", "a"));
            }
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> submissions = new ArrayList<>();
            for (String[] task : held) {
                submissions.add(pool.submit(() -> {
                    start.await();
                    return call("POST", "/api/tasks/" + task[0] + "/complete", task[1], null).status();
                }));
            }
            start.countDown();
            for (var submission : submissions) {
                assertThat(submission.get()).isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(task("expert", pi, "review", 0)).as("the round is over: review").isNotNull();
    }

    private long labelled(long versionId) throws Exception {
        return call("GET", "/api/versions/" + versionId, "manager", null).body().path("counts").path("labelled").asLong();
    }
}
