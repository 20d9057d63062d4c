package io.refinery.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/** HTTP calls to a test engine as a demo user (password = user name) or any user, and the automated steps played by hand. */
public final class ApiCalls {

    /** Status and parsed JSON body (null when empty). */
    public record Answer(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final int port;

    public ApiCalls(int port) {
        this.port = port;
    }

    public Answer call(String method, String path, String user, String body, String contentType) throws Exception {
        return call(method, path, user, user, body, contentType);
    }

    /** As {@code user} with {@code password}; without credentials when {@code user} is null. */
    public Answer call(String method, String path, String user, String password, String body, String contentType)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isBlank() ? null : json.readTree(response.body()));
    }

    public Answer call(String method, String path, String user, Object body) throws Exception {
        return call(method, path, user, body == null ? null : json.writeValueAsString(body), "application/json");
    }

    /** Fetches the one task of {@code topic} and completes it with {@code vars}, as a worker would. */
    public static void completeExternal(ExternalTaskService externalTasks, String topic, Map<String, Object> vars) {
        List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, "test").topic(topic, 10_000).execute();
        assertThat(locked).as("one task of " + topic).hasSize(1);
        externalTasks.complete(locked.get(0).getId(), "test", vars);
    }

    /**
     * Completes the plan-round step with a round of {@code count} label tasks, as its worker would (with the waves
     * of {@link io.refinery.workflows.LabelWaves}), and waits until the job executor has created them all.
     */
    public static void planRound(ExternalTaskService externalTasks, org.camunda.bpm.engine.TaskService tasks,
                                 String topic, int count) throws InterruptedException {
        List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, "test").topic(topic, 10_000).execute();
        assertThat(locked).as("one task of " + topic).hasSize(1);
        externalTasks.complete(locked.get(0).getId(), "test", io.refinery.workflows.LabelWaves.of(count, 2).variables());
        awaitLabelTasks(tasks, locked.get(0).getProcessInstanceId(), count);
    }

    /** Waits (up to 30 s) until the process instance has {@code count} open label tasks. */
    public static void awaitLabelTasks(org.camunda.bpm.engine.TaskService tasks, String processInstanceId, long count)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        long open = 0;
        while (System.currentTimeMillis() < deadline) {
            open = tasks.createTaskQuery().processInstanceId(processInstanceId)
                    .taskDefinitionKey(io.refinery.workflows.Processes.Steps.LABEL).count();
            if (open >= count) {
                return;
            }
            Thread.sleep(20);
        }
        assertThat(open).as("label tasks created by the wave jobs").isEqualTo(count);
    }

    /**
     * Runs the instance's pending asynchronous continuations (the label waves) as the job executor would, for tests
     * that run without it ({@code camunda.bpm.job-execution.enabled=false}); a job the executor took first is skipped.
     */
    public static void runWaveJobs(org.camunda.bpm.engine.ManagementService management, String processInstanceId) {
        for (var job : management.createJobQuery().processInstanceId(processInstanceId).messages().executable().list()) {
            try {
                management.executeJob(job.getId());
            } catch (org.camunda.bpm.engine.ProcessEngineException takenMeanwhile) {
                // the job executor ran it (or is running it): awaitLabelTasks sees its tasks
            }
        }
    }
}
