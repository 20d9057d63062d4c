package io.refinery.engine.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.support.ApiCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What QC reads and writes over HTTP: the qc-items lines carry answer values, final values and times, gold answers
 * stream from qc-gold, and after QC asked for more data the next round plans the new packages beside the failing
 * ones — once, however often pre-label asks.
 */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/quality-api",
                "spring.datasource.url=jdbc:h2:mem:quality-api;DB_CLOSE_DELAY=-1"})
class QualityApiTest {
    private static final String NDJSON = "application/x-ndjson";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Value("${local.server.port}")
    int port;

    private ApiCalls.Answer call(String method, String path, String user, Object body) throws Exception {
        return new ApiCalls(port).call(method, path, user, body);
    }

    private List<JsonNode> lines(String path, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path + " as " + user).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                out.add(json.readTree(line));
            }
        }
        return out;
    }

    /** Collect and process {@code texts} from lines {@code firstLine}.. of source f.jsonl, as the workers would. */
    private void addItems(long v, int firstLine, String... texts) throws Exception {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            raw.append(json.writeValueAsString(Map.of("source", "f.jsonl", "line", firstLine + i, "payload",
                    Map.of("text", texts[i], "collected_at", "2026-01-0" + (i + 1))))).append('\n');
        }
        new ApiCalls(port).call("POST", "/api/versions/" + v + "/raw-items", "worker", raw.toString(), NDJSON);
        StringBuilder items = new StringBuilder();
        for (JsonNode r : lines("/api/versions/" + v + "/raw-items", "worker")) {
            String text = r.path("payload").path("text").asText();
            items.append(json.writeValueAsString(Map.of("rawItemId", r.path("rawItemId").asLong(), "text", text,
                    "meta", Map.of("collected_at", r.path("payload").path("collected_at").asText()),
                    "contentHash", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8)))))).append('\n');
        }
        new ApiCalls(port).call("POST", "/api/versions/" + v + "/items", "worker", items.toString(), NDJSON);
    }

    private int plan(long v, int round) throws Exception {
        return call("POST", "/api/versions/" + v + "/rounds/" + round + "/plan", "worker",
                Map.of("packageSize", 2, "overlap", 2)).body().path("labelTaskCount").asInt();
    }

    @Test
    void qcReadsValuesAndTimesAndMoreDataJoinsTheNextRoundBesideTheFailingPackages() throws Exception {
        long v = call("POST", "/api/demands", "manager", Map.of("name", "quality-api", "taskType",
                "text-classification", "labelSet", List.of("a", "b"), "targetSize", 4, "source", "upload",
                "packageSize", 2, "overlap", 2)).body().path("versionId").asLong();
        addItems(v, 1, "one", "two", "three", "four");
        assertThat(plan(v, 1)).as("2 packages × 2").isEqualTo(4);

        List<JsonNode> qcItems = lines("/api/versions/" + v + "/qc-items", "worker");
        assertThat(qcItems).hasSize(4);
        assertThat(qcItems.get(0).path("meta").path("collected_at").asText()).isEqualTo("2026-01-01");
        assertThat(qcItems.get(0).path("uploadedAt").isMissingNode()).as("no upload named f.jsonl").isTrue();
        assertThat(qcItems.get(0).path("round").asInt()).isEqualTo(1);
        assertThat(lines("/api/versions/" + v + "/qc-gold", "worker")).isEmpty();
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/versions/" + v
                + "/qc-gold")).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                "ann1:ann1".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("annotators may not read QC data").isEqualTo(403);

        long failing = qcItems.get(0).path("packageId").asLong();
        JsonNode recorded = call("POST", "/api/versions/" + v + "/quality", "worker", Map.of("round", 1,
                "passed", false, "report", Map.of("failedChecks", List.of("minClassCount", "agreement")),
                "failingPackageIds", List.of(failing))).body();
        assertThat(recorded.path("failingPackages").asInt()).isEqualTo(1);
        assertThat(recorded.has("reworkTaskCount")).as("recording a verdict plans nothing; the gate decides").isFalse();

        addItems(v, 5, "five", "six", "seven"); // the manager added data; collect and process ran again
        assertThat(plan(v, 2)).as("failing package × 2 + new packages (2 items, 1 item) × 2").isEqualTo(6);
        assertThat(plan(v, 2)).as("a redone plan-round step plans nothing twice").isEqualTo(6);
        assertThat(call("GET", "/api/versions/" + v, "manager", null).body().path("counts").path("packages").asInt())
                .isEqualTo(4);
        assertThat(call("POST", "/api/versions/" + v + "/rounds/0/plan", "worker",
                Map.of("packageSize", 2, "overlap", 2)).status()).isEqualTo(400);

        JsonNode results = call("GET", "/api/versions/" + v + "/quality", "manager", null).body();
        assertThat(results.get(0).path("report").path("failedChecks").get(0).asText()).isEqualTo("minClassCount");
    }
}
