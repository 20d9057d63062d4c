package io.refinery.workers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.collect.CollectHandler;
import io.refinery.workers.demo.DemoRun;
import io.refinery.workers.runtime.Job;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources beyond uploads, checked where a demand is filed (engine) and where collect reads (worker): server folders
 * only under the configured roots as real paths, URLs only from allow-listed hosts, fetched with redirects checked,
 * special addresses refused and a size cap; a fetched file's rows carry its URL and its SHA-256 reaches the lineage.
 * No outside network here: a local HTTP server on 127.0.0.1, listed exactly where a fetch must succeed.
 */
class UrlAndFolderSourcesTest {

    private static final String ROWS = "{\"id\":\"u1\",\"text\":\"fetched over http\"}\nnot json\n"
            + "{\"id\":\"u2\",\"text\":\"second fetched row\"}\n";

    @Test
    void urlAndFolderSourcesAreCheckedByEngineAndWorker(@TempDir Path data) throws Exception {
        Path root = Files.createDirectories(data.resolve("collect-root"));
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.writeString(inbox.resolve("ok.jsonl"), "{\"id\":\"f1\",\"text\":\"from the folder\"}\n");
        Path outside = Files.createDirectories(data.resolve("outside"));
        Files.writeString(outside.resolve("secret.jsonl"), "{\"id\":\"s1\",\"text\":\"must not be read\"}\n");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(inbox.resolve("leak.jsonl"), outside.resolve("secret.jsonl"));

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = server.getAddress().getPort();
        server.createContext("/rows.jsonl", ex -> send(ex, 200, ROWS.getBytes(StandardCharsets.UTF_8), true));
        server.createContext("/export", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/csv; charset=utf-8");
            send(ex, 200, "id,text\nc1,csv by content type\n".getBytes(StandardCharsets.UTF_8), false);
        });
        server.createContext("/big.jsonl", ex -> send(ex, 200, ("{\"id\":\"b\",\"text\":\"" + "x".repeat(1500) + "\"}\n")
                .getBytes(StandardCharsets.UTF_8), true));
        server.createContext("/hop", ex -> {
            ex.getResponseHeaders().add("Location", "/rows.jsonl");
            send(ex, 302, new byte[0], false);
        });
        server.createContext("/away", ex -> {
            ex.getResponseHeaders().add("Location", "http://localhost:" + port + "/rows.jsonl");
            send(ex, 302, new byte[0], false);
        });
        server.start();
        String base = "http://127.0.0.1:" + port;
        try (TestPlatform platform = TestPlatform.start(data.resolve("engine"), Map.of(
                "refinery.sources.folder-roots", root.toString(),
                "refinery.sources.url-allow-list", "127.0.0.1,*.example.com",
                "refinery.sources.url-max-bytes", "1000"))) {
            EngineApi manager = platform.as("manager");
            EngineApi worker = platform.as("worker");

            // engine: at filing
            assertThat(file(manager, "folder:inbox")).isEqualTo(201);
            assertThat(refusal(manager, "folder:escape")).contains("field 'source'").contains("outside the allowed roots");
            assertThat(refusal(manager, "folder:../outside")).contains("field 'source'").contains("outside");
            assertThat(refusal(manager, "folder:" + outside)).contains("outside");
            assertThat(file(manager, "url:" + base + "/rows.jsonl " + base + "/export")).isEqualTo(201);
            assertThat(refusal(manager, "url:http://localhost:" + port + "/rows.jsonl")).contains("field 'source'")
                    .contains("not on the URL allow-list");
            assertThat(refusal(manager, "url:http://169.254.169.254/latest/meta-data")).contains("169.254.169.254");
            assertThat(refusal(manager, "url:https://evil.org/rows.jsonl")).contains("evil.org");
            assertThat(refusal(manager, "url:ftp://a.example.com/x.csv")).contains("source");
            assertThat(worker.get("/api/sources/policy").path("urlAllowList").toString())
                    .isEqualTo("[\"127.0.0.1\",\"*.example.com\"]");

            // worker: folders, real paths (a process drawn by a manager may name any source: the worker checks again)
            JsonNode v1 = manager.postJson("/api/demands", DemoRun.demand("folder-sources"));
            CollectHandler collect = new CollectHandler(worker, root);
            assertThat(collect.handle(job(v1, "folder:inbox")).get(Vars.COLLECTED_COUNT))
                    .as("ok.jsonl only: leak.jsonl links out of the root").isEqualTo(1L);
            assertThat(rows(worker, v1)).extracting(r -> r.path("payload").path("id").asText()).containsExactly("f1");
            assertThatThrownBy(() -> collect.handle(job(v1, "folder:escape"))).hasMessageContaining("outside");
            assertThatThrownBy(() -> collect.handle(job(v1, "folder:../outside"))).hasMessageContaining("outside");

            // worker: URLs
            JsonNode v2 = manager.postJson("/api/demands", DemoRun.demand("url-sources"));
            Map<String, Object> result = collect.handle(job(v2, "url:" + base + "/rows.jsonl\n" + base + "/export"));
            assertThat(result.get(Vars.COLLECTED_COUNT)).isEqualTo(3L);
            assertThat(result.get(Vars.QUARANTINED_COUNT)).isEqualTo(1L);
            assertThat(rows(worker, v2)).extracting(r -> r.path("source").asText() + "#" + r.path("line").asLong())
                    .containsExactlyInAnyOrder(base + "/rows.jsonl#1", base + "/rows.jsonl#3", base + "/export#2");
            JsonNode sources = manager.get("/api/versions/" + v2.path("versionId").asLong())
                    .path("stats").path("collect").path("sources");
            assertThat(sources.get(0).path("source").asText()).isEqualTo(base + "/rows.jsonl");
            assertThat(sources.get(0).path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(ROWS.getBytes(StandardCharsets.UTF_8))));
            assertThat(sources.get(0).path("bytes").asLong()).isEqualTo(ROWS.getBytes(StandardCharsets.UTF_8).length);
            assertThat(collect.handle(job(v2, "url:" + base + "/hop")).get(Vars.COLLECTED_COUNT))
                    .as("a redirect within the list is followed").isEqualTo(2L);

            assertThatThrownBy(() -> collect.handle(job(v2, "url:" + base + "/away")))
                    .as("redirect to a host off the list").hasMessageContaining("localhost")
                    .hasMessageContaining("not on the URL allow-list");
            assertThatThrownBy(() -> collect.handle(job(v2, "url:http://localhost:" + port + "/rows.jsonl")))
                    .hasMessageContaining("not on the URL allow-list");
            assertThatThrownBy(() -> collect.handle(job(v2, "url:http://169.254.169.254/latest/meta-data")))
                    .hasMessageContaining("169.254.169.254");
            assertThatThrownBy(() -> collect.handle(job(v2, "url:https://evil.org/rows.jsonl")))
                    .hasMessageContaining("evil.org");
            assertThatThrownBy(() -> collect.handle(job(v2, "url:" + base + "/big.jsonl")))
                    .hasMessageContaining("more than the limit of 1000 bytes");
        } finally {
            server.stop(0);
        }
    }

    private static int file(EngineApi manager, String source) throws Exception {
        Map<String, Object> demand = new java.util.LinkedHashMap<>(DemoRun.demand("sources-" + Math.abs(source.hashCode())));
        demand.put("source", source);
        manager.postJson("/api/demands", demand);
        return 201;
    }

    private static String refusal(EngineApi manager, String source) {
        Map<String, Object> demand = new java.util.LinkedHashMap<>(DemoRun.demand("refused"));
        demand.put("source", source);
        try {
            manager.postJson("/api/demands", demand);
        } catch (EngineApi.ApiError e) {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(400);
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("source " + source + " was accepted");
    }

    private static Job job(JsonNode started, String source) {
        return new Job("collect", Topics.COLLECT, started.path("processInstanceId").asText(), null, 1,
                Map.of(Vars.VERSION_ID, started.path("versionId").asLong(), Vars.SOURCE, source,
                        Vars.TASK_TYPE, "text-classification"));
    }

    private static List<JsonNode> rows(EngineApi worker, JsonNode started) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        worker.streamNdjson("/api/versions/" + started.path("versionId").asLong() + "/raw-items", rows::add);
        return rows;
    }

    private static void send(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body, boolean chunked)
            throws java.io.IOException {
        ex.sendResponseHeaders(status, status == 302 ? -1 : chunked ? 0 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
