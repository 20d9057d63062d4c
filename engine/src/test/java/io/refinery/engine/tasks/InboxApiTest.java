package io.refinery.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.HeadlessEngine;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** The inbox over HTTP: filters, sorting, paging, counts, the package slot rule, assignment, bulk, comments, roles. */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/inbox",
                "spring.datasource.url=jdbc:h2:mem:inbox;DB_CLOSE_DELAY=-1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Instant now = Instant.now();

    @Value("${local.server.port}")
    int port;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identity;

    private InboxFixture fixture;

    record Answer(int status, JsonNode body) {
    }

    Answer call(String method, String path, String user, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isBlank() ? null : json.readTree(response.body()));
    }

    JsonNode inbox(String user, String query) throws Exception {
        Answer answer = call("GET", "/api/inbox?" + query, user, null);
        assertThat(answer.status()).as(answer.body() == null ? "" : answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("tasks").forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    static String enc(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    @BeforeAll
    void builds() {
        fixture = new InboxFixture(repository, runtime, jdbc);
        fixture.deploy();
        if (identity.createGroupQuery().groupId("otherteam").count() == 0) {
            Group group = identity.newGroup("otherteam");
            group.setName("otherteam");
            identity.saveGroup(group);
        }
    }

    @Test
    void shouldFilterSortPageAndCount() throws Exception {
        fixture.build("counts-soon", "annotators", 3, 2, 1, 0, now.plus(Duration.ofHours(2)), 50);
        fixture.build("counts-late", "annotators", 2, 2, 2, 0, now.minus(Duration.ofDays(1)), 80);
        fixture.build("counts-other", "otherteam", 1, 1, 1, 0, now.plus(Duration.ofDays(10)), 10);

        JsonNode all = inbox("ann1", "dataset=counts-");
        assertThat(all.path("total").asLong()).as("only the annotators' label tasks").isEqualTo(10);
        assertThat(all.path("counts").path("mine").asLong()).isZero();
        assertThat(all.path("counts").path("group").asLong()).isEqualTo(10);
        assertThat(all.path("counts").path("overdue").asLong()).isEqualTo(4);
        assertThat(all.path("counts").path("dueSoon").asLong()).isEqualTo(6);
        all.path("tasks").forEach(t -> {
            assertThat(t.path("kind").asText()).isEqualTo("label");
            assertThat(t.path("packageId").isNumber()).isTrue();
            assertThat(t.path("candidateGroups").get(0).asText()).isEqualTo("annotators");
        });
        assertThat(all.path("tasks").get(0).path("priority").asInt()).as("default: priority high to low").isEqualTo(80);

        assertThat(inbox("ann1", "dataset=COUNTS-SOON").path("total").asLong()).isEqualTo(6);
        assertThat(inbox("ann1", "dataset=counts-&kind=rework").path("total").asLong())
                .as("label tasks of a later round are label tasks; rework tasks come from expert rejections").isZero();
        assertThat(inbox("ann1", "dataset=counts-&kind=label").path("total").asLong()).isEqualTo(10);
        assertThat(inbox("ann1", "dataset=counts-&kind=review").path("total").asLong()).isZero();
        assertThat(inbox("expert", "dataset=counts-&kind=review").path("total").asLong()).isEqualTo(3);
        assertThat(inbox("manager", "dataset=counts-&kind=approval").path("total").asLong()).isEqualTo(3);
        assertThat(inbox("ann1", "dataset=counts-&dueBefore=" + enc(now)).path("total").asLong()).isEqualTo(4);
        assertThat(inbox("ann1", "dataset=counts-&dueAfter=" + enc(now)).path("total").asLong()).isEqualTo(6);
        assertThat(inbox("ann1", "dataset=counts-&priorityMin=60").path("total").asLong()).isEqualTo(4);
        assertThat(inbox("ann1", "dataset=counts-&priorityMax=60").path("total").asLong()).isEqualTo(6);
        assertThat(inbox("ann1", "dataset=counts-&process=" + InboxFixture.PROCESS).path("total").asLong()).isEqualTo(10);
        assertThat(inbox("ann1", "dataset=counts-&process=dataset-construction").path("total").asLong()).isZero();

        JsonNode byDue = inbox("ann1", "dataset=counts-&sort=due&dir=asc");
        assertThat(byDue.path("tasks").get(0).path("datasetName").asText()).isEqualTo("counts-late");
        JsonNode byPriority = inbox("ann1", "dataset=counts-&sort=priority&dir=asc");
        assertThat(byPriority.path("tasks").get(0).path("priority").asInt()).isEqualTo(50);

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 10; offset += 4) {
            JsonNode page = inbox("ann1", "dataset=counts-&sort=created&dir=desc&limit=4&offset=" + offset);
            assertThat(page.path("total").asLong()).isEqualTo(10);
            paged.addAll(ids(page));
        }
        assertThat(paged).hasSize(10).doesNotHaveDuplicates()
                .isEqualTo(ids(inbox("ann1", "dataset=counts-&sort=created&dir=desc&limit=10")));
        assertThat(call("GET", "/api/inbox?sort=colour", "ann1", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/inbox?limit=100000", "ann1", null).status()).isEqualTo(400);
    }

    @Test
    void shouldHideTheOtherSlotOfAPackageTheUserLabels() throws Exception {
        fixture.build("slots", "annotators", 2, 2, 1, 0, null, 50);
        JsonNode before = inbox("ann1", "dataset=slots&sort=created&dir=asc");
        JsonNode first = before.path("tasks").get(0);
        assertThat(call("POST", "/api/tasks/" + first.path("id").asText() + "/claim", "ann1", null).status()).isEqualTo(200);

        JsonNode after = inbox("ann1", "dataset=slots");
        assertThat(after.path("total").asLong()).as("the other slot of the claimed package is hidden").isEqualTo(3);
        assertThat(after.path("counts").path("mine").asLong()).isEqualTo(1);
        assertThat(after.path("counts").path("group").asLong()).isEqualTo(2);
        assertThat(inbox("ann2", "dataset=slots").path("total").asLong()).as("ann2 may still take it").isEqualTo(3);
        assertThat(ids(inbox("ann2", "dataset=slots"))).doesNotContain(first.path("id").asText());
    }

    @Test
    void shouldLetManagersAssignAndReassignInBulkWithAResultPerTask() throws Exception {
        fixture.build("bulk-own", "annotators", 4, 1, 1, 0, null, 50);
        fixture.build("bulk-other", "otherteam", 1, 1, 1, 0, null, 50);
        List<String> tasks = ids(inbox("manager", "scope=team&dataset=bulk-own&kind=label&sort=created&dir=asc"));
        assertThat(tasks).hasSize(4);
        String other = ids(inbox("manager", "scope=team&dataset=bulk-other&kind=label")).get(0);

        Answer one = call("POST", "/api/tasks/" + tasks.get(0) + "/assign", "manager", Map.of("userId", "ann2"));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().path("assignee").asText()).isEqualTo("ann2");
        assertThat(call("POST", "/api/tasks/" + tasks.get(1) + "/assign", "manager", Map.of("userId", "expert"))
                .status()).as("not in the task's groups").isEqualTo(400);
        assertThat(call("POST", "/api/tasks/" + tasks.get(1) + "/assign", "manager", Map.of("userId", "nobody"))
                .status()).isEqualTo(400);

        Answer bulk = call("POST", "/api/tasks/bulk", "manager", Map.of("action", "assign", "userId", "ann1",
                "taskIds", List.of(tasks.get(0), tasks.get(1), tasks.get(2), other, "no-such-task")));
        assertThat(bulk.status()).isEqualTo(200);
        List<Integer> statuses = new ArrayList<>();
        bulk.body().path("results").forEach(r -> statuses.add(r.path("status").asInt()));
        assertThat(statuses).containsExactly(409, 200, 200, 400, 404);
        assertThat(ids(inbox("ann1", "dataset=bulk-own"))).contains(tasks.get(1), tasks.get(2)).doesNotContain(tasks.get(0));
        assertThat(inbox("ann1", "dataset=bulk-own").path("counts").path("mine").asLong()).isEqualTo(2);

        Answer reassign = call("POST", "/api/tasks/bulk", "manager", Map.of("action", "reassign", "userId", "ann3",
                "taskIds", List.of(tasks.get(0), tasks.get(1))));
        reassign.body().path("results").forEach(r -> assertThat(r.path("status").asInt()).isEqualTo(200));
        assertThat(inbox("ann3", "dataset=bulk-own").path("counts").path("mine").asLong()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM label_assignment la JOIN dataset_version v ON v.id = la.version_id"
                + " JOIN dataset d ON d.id = v.dataset_id WHERE d.name = 'bulk-own' AND la.annotator = 'ann3'", Integer.class))
                .as("the package slot moves with the task").isEqualTo(2);

        Answer claims = call("POST", "/api/tasks/bulk", "ann2", Map.of("action", "claim", "taskIds", List.of(tasks.get(3), other)));
        List<Integer> claimStatuses = new ArrayList<>();
        claims.body().path("results").forEach(r -> claimStatuses.add(r.path("status").asInt()));
        assertThat(claimStatuses).containsExactly(200, 403);
    }

    @Test
    void shouldKeepCommentsWithAuthorAndTime() throws Exception {
        fixture.build("comments", "annotators", 1, 1, 1, 0, null, 50);
        String task = ids(inbox("ann1", "dataset=comments")).get(0);
        Answer posted = call("POST", "/api/tasks/" + task + "/comments", "ann1", Map.of("message", "item 3 is ambiguous"));
        assertThat(posted.status()).isEqualTo(201);
        assertThat(call("POST", "/api/tasks/" + task + "/comments", "manager", Map.of("message", "use neutral")).status())
                .isEqualTo(201);
        assertThat(call("POST", "/api/tasks/" + task + "/comments", "ann1", Map.of("message", " ")).status()).isEqualTo(400);

        JsonNode comments = call("GET", "/api/tasks/" + task + "/comments", "manager", null).body();
        assertThat(comments).hasSize(2);
        assertThat(comments.get(0).path("author").asText()).isEqualTo("ann1");
        assertThat(comments.get(0).path("message").asText()).isEqualTo("item 3 is ambiguous");
        assertThat(comments.get(0).path("time").asText()).isNotBlank();
        assertThat(comments.get(1).path("author").asText()).isEqualTo("manager");
        assertThat(call("GET", "/api/tasks/" + task + "/comments", "expert", null).status()).isEqualTo(403);
    }

    @Test
    void shouldEnforceRolesOnTheServer() throws Exception {
        fixture.build("roles-other", "otherteam", 1, 1, 1, 0, null, 50);
        String other = ids(inbox("manager", "scope=team&dataset=roles-other&kind=label")).get(0);
        assertThat(call("GET", "/api/tasks/" + other, "ann1", null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/tasks/" + other + "/claim", "ann1", null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/tasks/" + other + "/comments", "ann1", Map.of("message", "hi")).status()).isEqualTo(403);
        assertThat(call("POST", "/api/tasks/" + other + "/assign", "ann1", Map.of("userId", "ann1")).status()).isEqualTo(403);
        assertThat(call("POST", "/api/tasks/bulk", "ann1", Map.of("action", "assign", "userId", "ann1",
                "taskIds", List.of(other))).status()).isEqualTo(403);
        assertThat(call("GET", "/api/inbox?scope=team", "ann1", null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/people", "ann1", null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/inbox", "worker", null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/people?group=annotators", "manager", null).body().toString()).contains("ann1");
    }

    @Test
    void shouldKeepTheOldTaskListForTheBots() throws Exception {
        fixture.build("bots", "annotators", 2, 1, 1, 0, null, 50);
        JsonNode old = call("GET", "/api/tasks?max=1000", "ann2", null).body();
        List<String> oldIds = new ArrayList<>();
        old.forEach(t -> oldIds.add(t.path("id").asText()));
        assertThat(oldIds).containsExactlyElementsOf(ids(inbox("ann2", "limit=1000")));
    }
}
