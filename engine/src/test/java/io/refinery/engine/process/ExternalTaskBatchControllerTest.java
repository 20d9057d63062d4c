package io.refinery.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.dataset.Demand;
import io.refinery.engine.dataset.DemandService;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** Batch completion: typed variables arrive typed, one bad task does not undo the others, roles are enforced. */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/batch",
                "spring.datasource.url=jdbc:h2:mem:batch;DB_CLOSE_DELAY=-1"})
class ExternalTaskBatchControllerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;
    @Autowired
    DemandService demands;
    @Autowired
    TaskService tasks;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    HistoryService history;

    HttpResponse<String> post(String user, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/external-tasks/complete"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String collectTaskLockedBy(String workerId) {
        var started = demands.start(new Demand("batch-" + System.nanoTime(), null, "text-classification", List.of("a"),
                null, 1, null, null, "upload", null, null, null, null, null), "manager");
        var approval = tasks.createTaskQuery().processInstanceId(started.processInstanceId()).singleResult();
        tasks.complete(approval.getId(), java.util.Map.of(Vars.APPROVED, true));
        List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, workerId).topic(Topics.COLLECT, 60_000)
                .processInstanceVariableEquals(Vars.VERSION_ID, started.versionId()).execute();
        assertThat(locked).hasSize(1);
        return locked.get(0).getId();
    }

    @Test
    void shouldCompleteTheGoodTasksAndReportTheBadOne() throws Exception {
        String id = collectTaskLockedBy("w1");
        HttpResponse<String> response = post("worker", "{\"workerId\":\"w1\",\"tasks\":[{\"id\":\"" + id
                + "\",\"variables\":{\"collectedCount\":{\"value\":7,\"type\":\"Long\"},"
                + "\"note\":{\"value\":\"ok\",\"type\":\"String\"}}},{\"id\":\"no-such-task\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"completed\":1").contains("no-such-task");
        Object collected = history.createHistoricVariableInstanceQuery().variableName(Vars.COLLECTED_COUNT)
                .singleResult().getValue();
        assertThat(collected).isEqualTo(7L);
    }

    @Test
    void shouldRefuseAnotherWorkersTaskBadTypesAndPeople() throws Exception {
        String id = collectTaskLockedBy("w1");
        HttpResponse<String> other = post("worker", "{\"workerId\":\"w2\",\"tasks\":[{\"id\":\"" + id + "\"}]}");
        assertThat(other.body()).contains("\"completed\":0");
        HttpResponse<String> badType = post("worker", "{\"workerId\":\"w1\",\"tasks\":[{\"id\":\"" + id
                + "\",\"variables\":{\"x\":{\"value\":\"seven\",\"type\":\"Long\"}}}]}");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.body()).contains("variable 'x'").contains("not a long");
        assertThat(post("ann1", "{\"workerId\":\"w1\",\"tasks\":[{\"id\":\"" + id + "\"}]}").statusCode()).isEqualTo(403);
        assertThat(post("worker", "{\"workerId\":\"w1\",\"tasks\":[]}").statusCode()).isEqualTo(400);
    }
}
