package io.refinery.workers.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workflows.api.WorkerApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends completions in batches to the engine's {@code POST /api/external-tasks/complete}: whatever finished while
 * the previous batch was in flight goes in the next request, so a lone completion is sent at once and a busy
 * worker pays one round trip (and, on the engine, one commit) for many tasks. Against an engine without that
 * endpoint (plain Camunda) it falls back to the official client's one-by-one complete.
 */
final class BatchCompleter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchCompleter.class);
    static final int MAX_BATCH = 200;

    /** A finished job waiting to be completed; {@code done} runs once the engine answered, either way. */
    record Pending(ExternalTask task, ExternalTaskService service, Map<String, Object> variables, Runnable done) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> senders = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;
    private final String authorization;
    private final String workerId;
    private volatile boolean batching = true;
    private volatile boolean running = true;

    BatchCompleter(WorkerSettings settings, int senderThreads) {
        this.endpoint = URI.create(settings.engineUrl().replaceAll("/+$", "") + WorkerApi.COMPLETE_EXTERNAL_TASKS);
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
        this.workerId = settings.workerId();
        for (int i = 0; i < senderThreads; i++) {
            Thread t = new Thread(this::send, "refinery-completer-" + i);
            t.setDaemon(true);
            senders.add(t);
            t.start();
        }
    }

    void complete(Pending pending) {
        queue.add(pending);
    }

    private void send() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (batching) {
                    sendBatch(batch);
                } else {
                    batch.forEach(this::completeOne);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.forEach(p -> p.done().run());
                batch.clear();
            }
        }
    }

    private void sendBatch(List<Pending> batch) throws InterruptedException {
        List<Map<String, Object>> tasks = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            Map<String, Object> vars = new LinkedHashMap<>();
            p.variables().forEach((name, value) -> vars.put(name, typed(value)));
            tasks.add(Map.of("id", p.task().getId(), "variables", vars));
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint).header("Authorization", authorization)
                    .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(
                            Map.of("workerId", workerId, "tasks", tasks)))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404 || response.statusCode() == 405) {
                log.info("The engine has no batch completion ({}): completing one by one", response.statusCode());
                batching = false;
                batch.forEach(this::completeOne);
                return;
            }
            if (response.statusCode() >= 300) {
                throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
            }
            for (JsonNode failure : json.readTree(response.body()).path("failed")) {
                log.warn("Completing job {} failed: {}", failure.path("id").asText(), failure.path("message").asText());
            }
        } catch (IOException e) {
            log.warn("Batch completion failed ({}); completing one by one", e.getMessage());
            batch.forEach(this::completeOne);
        }
    }

    private void completeOne(Pending p) {
        try {
            p.service().complete(p.task(), p.variables());
        } catch (RuntimeException e) {
            log.warn("Completing job {} failed: {}", p.task().getId(), e.getMessage());
        }
    }

    /** Camunda's typed form of a variable value: Integer, Long, Double, Boolean, String or Null. */
    static Map<String, Object> typed(Object value) {
        Map<String, Object> typed = new LinkedHashMap<>();
        String type;
        Object plain = value;
        if (value == null) {
            type = "Null";
        } else if (value instanceof Integer || value instanceof Short) {
            type = "Integer";
        } else if (value instanceof Long) {
            type = "Long";
        } else if (value instanceof Double || value instanceof Float) {
            type = "Double";
        } else if (value instanceof Boolean) {
            type = "Boolean";
        } else {
            type = "String";
            plain = value.toString();
        }
        typed.put("value", plain);
        typed.put("type", type);
        return typed;
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : senders) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
