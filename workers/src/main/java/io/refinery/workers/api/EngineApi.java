package io.refinery.workers.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * The engine's product API as a worker (or a remote client) sees it: HTTP with Basic authentication,
 * bulk data as NDJSON streams. Errors carry the engine's message and the request that failed.
 */
public class EngineApi {
    public static final String NDJSON = "application/x-ndjson";

    /** An HTTP error answer of the engine. */
    public static class ApiError extends IOException {
        private final int status;

        public ApiError(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Receives the records of an NDJSON stream one at a time. */
    public interface RecordSink {
        void accept(JsonNode record) throws IOException;
    }

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final ObjectMapper json;

    public EngineApi(String engineUrl, String user, String password) {
        this.baseUrl = engineUrl.replaceAll("/+$", "");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public ObjectMapper json() {
        return json;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", authorization)
                .timeout(Duration.ofMinutes(30));
    }

    public JsonNode get(String path) throws IOException {
        return send(request(path).GET().header("Accept", "application/json").build());
    }

    public JsonNode postJson(String path, Object body) throws IOException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build());
    }

    /** {@link #postJson(String, Object)}, the answer read as {@code answer} (a payload record of the contract). */
    public <T> T postJson(String path, Object body, Class<T> answer) throws IOException {
        return json.treeToValue(postJson(path, body), answer);
    }

    public JsonNode putJson(String path, Object body) throws IOException {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build());
    }

    public JsonNode putFile(String path, Path file) throws IOException {
        return send(request(path).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build());
    }

    public JsonNode putBytes(String path, byte[] bytes, String contentType) throws IOException {
        return send(request(path).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    /** Posts one NDJSON body (already serialized lines). */
    public JsonNode postNdjson(String path, byte[] body) throws IOException {
        return send(request(path).header("Content-Type", NDJSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /**
     * Posts one NDJSON body without waiting: the answer (or the {@link ApiError}) arrives in the future, so the
     * caller can prepare its next batch while the engine stores this one.
     */
    public java.util.concurrent.CompletableFuture<JsonNode> postNdjsonAsync(String path, byte[] body) {
        HttpRequest request = request(path).header("Content-Type", NDJSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            try {
                return answer(request, response);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Opens a streamed download; the caller closes the stream. */
    public InputStream download(String path) throws IOException {
        HttpResponse<InputStream> response = exchange(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 300) {
            try (InputStream body = response.body()) {
                throw error(response.statusCode(), "GET " + path, new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return response.body();
    }

    /** Streams an NDJSON response record by record; never holds more than one record. */
    public long streamNdjson(String path, RecordSink sink) throws IOException {
        long count = 0;
        try (InputStream in = download(path);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    sink.accept(json.readTree(line));
                    count++;
                }
            }
        }
        return count;
    }

    /** Starts a batched NDJSON upload to {@code path}: records are sent in bodies of at most {@code batch}. */
    public NdjsonUpload upload(String path, int batch) {
        return new NdjsonUpload(this, path, batch);
    }

    private JsonNode send(HttpRequest request) throws IOException {
        return answer(request, exchange(request, HttpResponse.BodyHandlers.ofByteArray()));
    }

    private JsonNode answer(HttpRequest request, HttpResponse<byte[]> response) throws IOException {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() >= 300) {
            throw error(response.statusCode(), request.method() + " " + request.uri().getPath(), body);
        }
        return body.isBlank() ? json.nullNode() : json.readTree(body);
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private ApiError error(int status, String what, String body) {
        String message = body;
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                message = node.get("message").asText();
            }
        } catch (IOException notJson) {
            // keep the raw body
        }
        return new ApiError(status, what + " → " + status + ": " + message);
    }

    /** Serializes a record as one NDJSON line (with the newline). */
    byte[] line(Object record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        json.writeValue(out, record);
        out.write('\n');
        return out.toByteArray();
    }
}
