package io.refinery.engine.dataset;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The bulk NDJSON streams of a version as the workers see them, to the byte: what each post answers (received, new),
 * what it refuses (400 naming line and field), and the lines each stream gives back (null fields are left out).
 */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/dataset-streams",
                "spring.datasource.url=jdbc:h2:mem:dataset-streams;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
class DatasetStreamsApiTest {
    private static final String NDJSON = "application/x-ndjson";
    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);

    @Value("${local.server.port}")
    int port;
    @Autowired
    DatasetRepository datasets;
    @Autowired
    ItemRepository items;
    @Autowired
    io.refinery.engine.system.IndexHints indexes;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    private ApiCalls.Answer post(long versionId, String stream, String body) throws Exception {
        return new ApiCalls(port).call("POST", "/api/versions/" + versionId + "/" + stream, "worker", body, NDJSON);
    }

    /** What a post answered: its counts by name (the order of the fields is not part of the answer). */
    private Map<String, Integer> counts(long versionId, String stream, String body) throws Exception {
        ApiCalls.Answer answer = post(versionId, stream, body);
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        Map<String, Integer> counts = new java.util.TreeMap<>();
        answer.body().fields().forEachRemaining(f -> counts.put(f.getKey(), f.getValue().asInt()));
        return counts;
    }

    /** The lines of a stream as JSON trees: field order aside, equal means the same fields. */
    private List<JsonNode> lines(long versionId, String stream) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/versions/" + versionId + "/" + stream))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "worker:worker".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + stream).isEqualTo(200);
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : response.body().lines().toList()) {
            lines.add(json.readTree(line));
        }
        return lines;
    }

    private List<JsonNode> json(String... lines) throws Exception {
        List<JsonNode> trees = new java.util.ArrayList<>();
        for (String line : lines) {
            trees.add(json.readTree(line));
        }
        return trees;
    }

    private long version(String name) {
        return datasets.insertVersion(datasets.datasetIdFor(name, "text-classification", "manager"), "{}", "manager");
    }

    @Test
    void shouldStoreEachRowOnceAndStreamItBackAsTheWorkersReadIt() throws Exception {
        long v = version("streams-" + System.nanoTime());
        String raw = """
                {"source":"f.jsonl","line":1,"payload":{"text":"hello"}}

                {"source":"f.jsonl","line":2,"payload":{"text":"world"}}
                """;
        assertThat(counts(v, "raw-items", raw)).isEqualTo(Map.of("received", 2, "inserted", 2));
        assertThat(counts(v, "raw-items", raw)).as("redelivered").isEqualTo(Map.of("received", 2, "inserted", 0));
        List<JsonNode> rawLines = lines(v, "raw-items");
        long first = rawLines.get(0).path("rawItemId").asLong();
        assertThat(rawLines).containsExactlyElementsOf(json(
                "{\"rawItemId\":" + first + ",\"source\":\"f.jsonl\",\"line\":1,\"payload\":{\"text\":\"hello\"}}",
                "{\"rawItemId\":" + (first + 1) + ",\"source\":\"f.jsonl\",\"line\":2,\"payload\":{\"text\":\"world\"}}"));

        String quarantine = """
                {"step":"collect","source":"f.jsonl","line":3,"reason":"not JSON","raw":"{oops"}
                {"step":"process","source":"f.jsonl","line":4,"reason":"empty text","raw":null}
                """;
        assertThat(counts(v, "quarantine", quarantine)).isEqualTo(Map.of("received", 2, "inserted", 2));
        assertThat(counts(v, "quarantine", quarantine)).isEqualTo(Map.of("received", 2, "inserted", 0));
        assertThat(lines(v, "quarantine")).containsExactlyElementsOf(json(
                "{\"step\":\"collect\",\"source\":\"f.jsonl\",\"line\":3,\"reason\":\"not JSON\",\"raw\":\"{oops\"}",
                "{\"step\":\"process\",\"source\":\"f.jsonl\",\"line\":4,\"reason\":\"empty text\"}"));

        String itemLines = "{\"rawItemId\":" + first + ",\"externalId\":\"e1\",\"text\":\"hello\",\"contentHash\":\""
                + HASH_A + "\",\"meta\":{\"lang\":\"en\"},\"pii\":{}}\n"
                + "{\"rawItemId\":" + (first + 1) + ",\"text\":\"world\",\"contentHash\":\"" + HASH_B + "\"}\n"
                + "{\"rawItemId\":" + (first + 1) + ",\"text\":\"world again\",\"contentHash\":\"" + HASH_B + "\"}\n";
        assertThat(counts(v, "items", itemLines)).as("the second " + HASH_B + " is a duplicate")
                .isEqualTo(Map.of("received", 3, "inserted", 2));
        long item = lines(v, "items").get(0).path("itemId").asLong();
        assertThat(counts(v, "prelabels", "{\"itemId\":" + item + ",\"label\":\"greeting\",\"rule\":\"kw:hello\"}\n"))
                .isEqualTo(Map.of("received", 1));
        counts(v, "prelabels", "{\"itemId\":" + item + ",\"label\":\"other\",\"rule\":\"kw:hell\"}\n");
        assertThat(lines(v, "items").get(0).path("prelabel").asText()).as("a redo overwrites").isEqualTo("other");
        counts(v, "prelabels", "{\"itemId\":" + item + ",\"label\":\"greeting\",\"rule\":\"kw:hello\"}\n");
        assertThat(lines(v, "items")).containsExactlyElementsOf(json(
                "{\"itemId\":" + item + ",\"externalId\":\"e1\",\"text\":\"hello\",\"source\":\"f.jsonl\",\"line\":1,"
                        + "\"meta\":{\"lang\":\"en\"},\"prelabel\":\"greeting\"}",
                "{\"itemId\":" + (item + 1) + ",\"text\":\"world\",\"source\":\"f.jsonl\",\"line\":2}"));

        setFinal(v, item, "greeting", "{\"label\":\"greeting\"}", false);
        assertThat(lines(v, "release-items")).containsExactlyElementsOf(json(
                "{\"itemId\":" + item + ",\"externalId\":\"e1\",\"text\":\"hello\",\"label\":\"greeting\",\"source\":\"f.jsonl\","
                        + "\"line\":1,\"meta\":{\"lang\":\"en\"},\"prelabel\":\"greeting\",\"packageId\":0,"
                        + "\"value\":{\"label\":\"greeting\"}}"));
    }

    /**
     * The version's counts are kept by the writes (one row, not a count of a million): what was inserted counts, a
     * redelivered batch adds nothing, an answer counts once however often the item is finalized, a rejection after
     * an answer takes it back; the running counts equal a count of the rows.
     */
    @Test
    void shouldKeepTheVersionsCountsWithItsWrites() throws Exception {
        long v = version("streams-counts-" + System.nanoTime());
        assertThat(datasets.counts(v)).as("nothing yet").isEqualTo(Map.of("raw_items", 0L, "quarantined", 0L,
                "items", 0L, "labelled", 0L, "packages", 0L));
        String raw = "{\"source\":\"f.jsonl\",\"line\":1,\"payload\":{\"text\":\"a\"}}\n"
                + "{\"source\":\"f.jsonl\",\"line\":2,\"payload\":{\"text\":\"b\"}}\n";
        counts(v, "raw-items", raw);
        counts(v, "raw-items", raw);
        counts(v, "quarantine", "{\"step\":\"collect\",\"source\":\"f.jsonl\",\"line\":3,\"reason\":\"x\"}\n");
        long first = lines(v, "raw-items").get(0).path("rawItemId").asLong();
        String itemLines = "{\"rawItemId\":" + first + ",\"text\":\"a\",\"contentHash\":\"" + HASH_A + "\"}\n"
                + "{\"rawItemId\":" + (first + 1) + ",\"text\":\"b\",\"contentHash\":\"" + HASH_B + "\"}\n";
        counts(v, "items", itemLines);
        counts(v, "items", itemLines);
        List<JsonNode> stored = lines(v, "items");
        long a = stored.get(0).path("itemId").asLong();
        long b = stored.get(1).path("itemId").asLong();
        setFinal(v, a, "x", "{\"label\":\"x\"}", false);
        setFinal(v, a, "y", "{\"label\":\"y\"}", false);
        assertThat(setFinal(v, a, "y", "{\"label\":\"y\"}", false)).as("the same answer again writes nothing")
                .isZero();
        assertThat(items.setFinals(v, a, b, id -> new ItemRepository.Final(id, "x", "{\"label\":\"x\"}", false)))
                .as("both items in one go").isEqualTo(2);
        setFinal(v, b, null, null, true);
        assertThat(datasets.counts(v)).isEqualTo(Map.of("raw_items", 2L, "quarantined", 1L, "items", 2L,
                "labelled", 1L, "packages", 0L));
        assertThat(items.countAnswered(v)).as("the rows themselves").isEqualTo(1);
    }

    private int setFinal(long versionId, long itemId, String label, String valueJson, boolean rejected) {
        return items.setFinals(versionId, itemId, itemId, id -> new ItemRepository.Final(id, label, valueJson, rejected));
    }

    /**
     * On H2 a read of a run of items goes along the primary key with the run as the key's range: not the version's
     * (version, hash) index, and not a scan from the first row ({@code USE INDEX ()}), which made every page of a
     * paged stream read all the pages before it.
     */
    @Test
    void readsARunOfItemsAsARangeOfThePrimaryKey() {
        String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
        org.junit.jupiter.api.Assumptions.assumeTrue("H2".equals(product), "H2's plan");
        String plan = jdbc.queryForObject("EXPLAIN SELECT i.id, i.text FROM " + items.alongIds("i")
                + " WHERE i.version_id = ? AND i.id BETWEEN ? AND ? ORDER BY i.id", String.class, 1L, 10L, 20L);
        assertThat(plan).containsPattern("PRIMARY_KEY_\\w*: ID >= ").contains("index sorted");
    }

    /**
     * On H2 the answers (and the reviews) of a run of items are read through their (item, round, slot) key with the
     * run as its range, not through the version's index (every answer of the version for each package: what made a
     * label submission take a second at 300,000 items).
     */
    @Test
    void readsTheAnswersOfARunAlongTheirItemsKey() {
        String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
        org.junit.jupiter.api.Assumptions.assumeTrue("H2".equals(product), "H2's plan");
        String query = " WHERE r.version_id = ? AND r.item_id BETWEEN ? AND ? AND r.round = ? AND r.slot = ?";
        assertThat(jdbc.queryForObject("EXPLAIN SELECT COUNT(*) FROM annotation r" + query, String.class, 1L, 10L, 20L,
                1, 1)).as("what H2 picks by itself").doesNotContain("ANNOTATION_SLOT_INDEX");
        String hinted = jdbc.queryForObject("EXPLAIN SELECT COUNT(*) FROM " + indexes.uniqueKey("annotation", "r",
                "annotation_slot") + query, String.class, 1L, 10L, 20L, 1, 1);
        assertThat(hinted).containsPattern("ANNOTATION_SLOT_INDEX_\\w*: ROUND = ").contains("ITEM_ID >= ");
        assertThat(jdbc.queryForObject("EXPLAIN SELECT r.item_id FROM " + indexes.uniqueKey("review", "r",
                "review_item_round") + " WHERE r.version_id = ? AND r.item_id BETWEEN ? AND ? AND r.round = ?",
                String.class, 1L, 10L, 20L, 1)).containsPattern("REVIEW_ITEM_ROUND_INDEX_\\w*: ");
    }

    /** On H2 the streams go page by page (RowStreams.PAGE rows each): every row once, in order, across pages. */
    @Test
    void shouldStreamRowsPastOnePageInOrderAndEachOnce() {
        long v = version("streams-pages-" + System.nanoTime());
        int perSource = RowStreams.PAGE + RowStreams.PAGE / 2;
        for (String source : List.of("b.jsonl", "a.jsonl")) { // collected b first: the stream still gives a first
            List<Object[]> rows = new java.util.ArrayList<>();
            for (int line = 1; line <= perSource; line++) {
                rows.add(new Object[] {source, (long) line, "{\"text\":\"" + source + line + "\"}"});
            }
            items.insertRaw(v, rows);
        }
        List<String> seen = new java.util.ArrayList<>();
        items.streamRaw(v, r -> seen.add(r.source() + ":" + r.line()));
        assertThat(seen).hasSize(2 * perSource).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("a.jsonl:1");
        assertThat(seen.get(perSource - 1)).isEqualTo("a.jsonl:" + perSource);
        assertThat(seen.get(perSource)).isEqualTo("b.jsonl:1");
        assertThat(seen.get(2 * perSource - 1)).isEqualTo("b.jsonl:" + perSource);
    }

    @Test
    void shouldRefuseABadLineNamingItsNumberAndField() throws Exception {
        long v = version("streams-bad-" + System.nanoTime());
        ApiCalls.Answer noPayload = post(v, "raw-items", "{\"source\":\"f.jsonl\",\"line\":1,\"payload\":{}}\n"
                + "{\"source\":\"f.jsonl\",\"line\":2,\"payload\":\"text\"}\n");
        assertThat(noPayload.status()).isEqualTo(400);
        assertThat(noPayload.body().path("message").asText())
                .isEqualTo("NDJSON line 2: field 'payload' must be an object");
        ApiCalls.Answer badHash = post(v, "items", "{\"rawItemId\":1,\"text\":\"x\",\"contentHash\":\"abc\"}\n");
        assertThat(badHash.status()).isEqualTo(400);
        assertThat(badHash.body().path("message").asText()).isEqualTo("NDJSON line 1: 'contentHash' must be 64 hex digits");
        ApiCalls.Answer noReason = post(v, "quarantine", "{\"step\":\"collect\",\"source\":\"f.jsonl\",\"line\":1}\n");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().path("message").asText()).isEqualTo("NDJSON line 1: missing field 'reason'");
        ApiCalls.Answer noRule = post(v, "prelabels", "{\"itemId\":1,\"label\":\"a\"}\n");
        assertThat(noRule.status()).isEqualTo(400);
        assertThat(noRule.body().path("message").asText()).isEqualTo("NDJSON line 1: missing field 'rule'");
        assertThat(post(999_999, "raw-items", "").status()).isEqualTo(404);
    }
}
