package io.refinery.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.support.ApiCalls;
import io.refinery.engine.system.BlobStore;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.RefineryProperties;
import io.refinery.engine.system.Sha256;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** Uploads of sources: what a single PUT refuses, and chunked, resumable sessions. */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/source-uploads",
                "spring.datasource.url=jdbc:h2:mem:sourceuploads;DB_CLOSE_DELAY=-1"})
class SourceUploadsApiTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    DatasetRepository datasets;
    @Autowired
    SourceUploadRepository sessions;
    @Autowired
    BlobStore blobs;
    @Autowired
    RefineryProperties properties;

    private long version(ApiCalls api, String name) throws Exception {
        ApiCalls.Answer started = api.call("POST", "/api/demands", "manager", "{\"name\":\"" + name
                + "\",\"taskType\":\"text-classification\",\"labelSet\":[\"a\",\"b\"],\"targetSize\":1,"
                + "\"source\":\"upload\"}", "application/json");
        assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(201);
        return started.body().path("versionId").asLong();
    }

    private long blobCount() throws Exception {
        Path dir = properties.blobDir();
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void shouldRefuseFormEncodedAndEmptyUploadsAndStoreNothing() throws Exception {
        ApiCalls api = new ApiCalls(port);
        long v = version(api, "uploads-refused");
        String path = "/api/versions/" + v + "/sources/";
        long blobsBefore = blobCount();

        ApiCalls.Answer form = api.call("PUT", path + "rows.jsonl", "manager", "{\"id\":\"1\",\"text\":\"x\"}",
                "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.body().path("message").asText()).contains("rows.jsonl").contains("form encoding");
        ApiCalls.Answer multipart = api.call("PUT", path + "rows.jsonl", "manager", "x",
                "multipart/form-data; boundary=abc");
        assertThat(multipart.status()).isEqualTo(400);
        ApiCalls.Answer empty = api.call("PUT", path + "rows.jsonl", "manager", "", "application/octet-stream");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().path("message").asText()).contains("rows.jsonl").contains("empty");
        assertThat(datasets.sources(v)).isEmpty();
        assertThat(blobCount()).isEqualTo(blobsBefore);

        // the name is not locked by the refusals: the real file goes in, identical bytes again are fine, others not
        String rows = "{\"id\":\"1\",\"text\":\"hello uploads\"}\n";
        assertThat(api.call("PUT", path + "rows.jsonl", "manager", rows, "application/octet-stream").status()).isEqualTo(201);
        assertThat(api.call("PUT", path + "rows.jsonl", "manager", rows, "application/x-ndjson").status()).isEqualTo(200);
        long blobsNow = blobCount();
        ApiCalls.Answer other = api.call("PUT", path + "rows.jsonl", "manager", rows + rows + "x", "application/octet-stream");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body().path("message").asText()).contains("rows.jsonl");
        assertThat(blobCount()).as("no blob of the refused bytes").isEqualTo(blobsNow);
        assertThat(datasets.sources(v)).hasSize(1);
    }

    @Test
    void shouldTakeAFileInChunksResumeAfterAWrongOffsetAndStoreItAsASource() throws Exception {
        ApiCalls api = new ApiCalls(port);
        long v = version(api, "uploads-chunked");
        String content = "{\"id\":\"1\",\"text\":\"first\"}\n{\"id\":\"2\",\"text\":\"second\"}\n";
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        ApiCalls.Answer started = api.call("POST", "/api/versions/" + v + "/uploads", "manager",
                Map.of("name", "big.jsonl", "size", bytes.length, "contentType", "application/x-ndjson"));
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.body().path("received").asLong()).isZero();
        String id = started.body().path("uploadId").asText();
        String first = content.substring(0, 10);
        String rest = content.substring(10);

        assertThat(api.call("PUT", "/api/uploads/" + id + "?offset=0", "manager", first, "application/octet-stream")
                .body().path("received").asLong()).isEqualTo(10);
        ApiCalls.Answer wrong = api.call("PUT", "/api/uploads/" + id + "?offset=0", "manager", rest, "application/octet-stream");
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.body().path("message").asText()).contains("expected offset 10");
        assertThat(api.call("PUT", "/api/uploads/" + id + "?offset=10", "admin", rest, "application/octet-stream").status())
                .as("only who started it").isEqualTo(403);
        assertThat(api.call("PUT", "/api/uploads/" + id + "?offset=10", "ann1", rest, "application/octet-stream").status())
                .isEqualTo(403);
        assertThat(api.call("PUT", "/api/uploads/" + id + "?offset=10", "manager", rest,
                "application/x-www-form-urlencoded").status()).isEqualTo(400);
        ApiCalls.Answer early = api.call("POST", "/api/uploads/" + id + "/complete", "manager", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().path("message").asText()).contains("received 10 of " + bytes.length);

        ApiCalls.Answer status = api.call("GET", "/api/uploads/" + id, "manager", null);
        assertThat(status.body().path("received").asLong()).isEqualTo(10);
        assertThat(status.body().path("size").asLong()).isEqualTo(bytes.length);
        assertThat(status.body().path("status").asText()).isEqualTo("open");
        ApiCalls.Answer tooMuch = api.call("PUT", "/api/uploads/" + id + "?offset=10", "manager", rest + "extra",
                "application/octet-stream");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(api.call("GET", "/api/uploads/" + id, "manager", null).body().path("received").asLong()).isEqualTo(10);

        assertThat(api.call("PUT", "/api/uploads/" + id + "?offset=10", "manager", rest, "text/plain")
                .body().path("received").asLong()).isEqualTo(bytes.length);
        ApiCalls.Answer done = api.call("POST", "/api/uploads/" + id + "/complete", "manager", null);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().path("name").asText()).isEqualTo("big.jsonl");
        assertThat(done.body().path("bytes").asLong()).isEqualTo(bytes.length);
        assertThat(done.body().path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(Sha256.digest().digest(bytes)));
        assertThat(api.call("POST", "/api/uploads/" + id + "/complete", "manager", null).body().path("id").asLong())
                .as("completing twice answers the same row").isEqualTo(done.body().path("id").asLong());
        assertThat(Files.exists(properties.dataDir().resolve("uploads").resolve(id + ".part"))).isFalse();
        assertThat(api.call("DELETE", "/api/uploads/" + id, "manager", null).status()).isEqualTo(409);

        // starts that break the rules
        assertThat(api.call("POST", "/api/versions/" + v + "/uploads", "manager",
                Map.of("name", "empty.jsonl", "size", 0)).status()).isEqualTo(400);
        assertThat(api.call("POST", "/api/versions/" + v + "/uploads", "manager",
                Map.of("name", "../x.jsonl", "size", 3)).status()).isEqualTo(400);
        assertThat(api.call("POST", "/api/versions/" + v + "/uploads", "ann1",
                Map.of("name", "a.jsonl", "size", 3)).status()).isEqualTo(403);

        // the same name with other bytes: refused at completion, the session ends, nothing stored
        String otherId = api.call("POST", "/api/versions/" + v + "/uploads", "manager",
                Map.of("name", "big.jsonl", "size", 3)).body().path("uploadId").asText();
        api.call("PUT", "/api/uploads/" + otherId + "?offset=0", "manager", "abc", "application/octet-stream");
        ApiCalls.Answer clash = api.call("POST", "/api/uploads/" + otherId + "/complete", "manager", null);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.body().path("message").asText()).contains("big.jsonl");
        assertThat(datasets.sources(v)).hasSize(1);

        // cancel
        String cancelled = api.call("POST", "/api/versions/" + v + "/uploads", "manager",
                Map.of("name", "gone.csv", "size", 5)).body().path("uploadId").asText();
        api.call("PUT", "/api/uploads/" + cancelled + "?offset=0", "manager", "ab", "application/octet-stream");
        assertThat(api.call("DELETE", "/api/uploads/" + cancelled, "manager", null).status()).isEqualTo(204);
        assertThat(api.call("GET", "/api/uploads/" + cancelled, "manager", null).body().path("status").asText())
                .isEqualTo("cancelled");
        assertThat(Files.exists(properties.dataDir().resolve("uploads").resolve(cancelled + ".part"))).isFalse();
    }

    @Test
    void shouldFinishASessionAfterARestartFromTheTableAndThePartFile() throws Exception {
        ApiCalls api = new ApiCalls(port);
        long v = version(api, "uploads-restart");
        CurrentUser manager = new CurrentUser("manager", List.of("managers"), List.of("MANAGER"));
        byte[] bytes = "id,text\n1,after a restart\n".getBytes(StandardCharsets.UTF_8);
        SourceUploads before = new SourceUploads(datasets, sessions, blobs, properties);
        SourceUploads.Session s = before.start(v, "later.csv", bytes.length, "text/csv", manager);
        before.append(s.uploadId(), 0, new ByteArrayInputStream(bytes, 0, 7), manager);

        SourceUploads after = new SourceUploads(datasets, sessions, blobs, properties); // nothing in memory
        assertThat(after.status(s.uploadId(), manager).received()).isEqualTo(7);
        after.append(s.uploadId(), 7, new ByteArrayInputStream(bytes, 7, bytes.length - 7), manager);
        DatasetRepository.SourceRow row = after.finish(s.uploadId(), manager);
        assertThat(row.sha256()).isEqualTo(HexFormat.of().formatHex(Sha256.digest().digest(bytes)));
        try (var in = blobs.open(row.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void shouldPreviewTheFirstRowsAndTheRowsCollectWouldQuarantine() throws Exception {
        ApiCalls api = new ApiCalls(port);
        long v = version(api, "uploads-preview");
        String jsonl = "{\"id\":\"1\",\"text\":\"one\"}\n{\"id\":\"2\"}\nnot json\n{\"id\":\"3\",\"text\":\"three\"}\n";
        long jsonlId = api.call("PUT", "/api/versions/" + v + "/sources/a.jsonl", "manager", jsonl, "application/x-ndjson")
                .body().path("id").asLong();
        ApiCalls.Answer preview = api.call("GET", "/api/versions/" + v + "/sources/" + jsonlId + "/preview?rows=1",
                "manager", null);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body().path("format").asText()).isEqualTo("jsonl");
        assertThat(preview.body().path("rows")).hasSize(1);
        assertThat(preview.body().path("rows").get(0).path("text").asText()).isEqualTo("one");
        assertThat(preview.body().path("accepted").asLong()).isEqualTo(2);
        assertThat(preview.body().path("quarantined").asLong()).isEqualTo(2);
        assertThat(preview.body().path("problems").get(0).path("line").asLong()).isEqualTo(2);
        assertThat(preview.body().path("problems").get(0).path("file").asText()).isEqualTo("a.jsonl");
        assertThat(preview.body().path("problems").get(0).path("reason").asText()).contains("text");
        assertThat(preview.body().path("problems").get(1).path("reason").asText()).contains("invalid JSON");

        String csv = "id,text,channel\n1,hello,app\n2,only two\n";
        long csvId = api.call("PUT", "/api/versions/" + v + "/sources/b.csv", "manager", csv, "text/csv")
                .body().path("id").asLong();
        ApiCalls.Answer csvPreview = api.call("GET", "/api/versions/" + v + "/sources/" + csvId + "/preview", "manager", null);
        assertThat(csvPreview.body().path("columns").toString()).isEqualTo("[\"id\",\"text\",\"channel\"]");
        assertThat(csvPreview.body().path("rows").get(0).path("channel").asText()).isEqualTo("app");
        assertThat(csvPreview.body().path("quarantined").asLong()).isEqualTo(1);
        assertThat(csvPreview.body().path("problems").get(0).path("reason").asText()).contains("expected 3 columns");
        assertThat(api.call("GET", "/api/versions/" + v + "/sources/" + csvId + "/preview", "ann1", null).status())
                .isEqualTo(403);
    }
}
