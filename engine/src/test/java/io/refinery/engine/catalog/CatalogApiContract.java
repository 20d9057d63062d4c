package io.refinery.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.release.ReleaseService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The catalog over real HTTP against a whole engine (H2 and PostgreSQL subclasses): grants by version range for users and API tokens (401,
 * 403, 1.x opens 1.0 and 1.1 but not 2.0), the usage log, paged items, the resumable zip bundle, the diff.
 */
abstract class CatalogApiContract {
    static final List<String> LABELS = List.of("billing", "delivery", "refund");
    private static int datasets;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Value("${local.server.port}")
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    CatalogFixture fixture;
    String name;
    long datasetId;
    ReleaseService.Release v10;
    ReleaseService.Release v11;

    /** A dataset with 1.0 (300 items) and 1.1 (250 of them, 20 relabelled, 50 new). */
    @BeforeEach
    void twoReleases() throws Exception {
        fixture = new CatalogFixture(context);
        name = "catalog-" + (++datasets) + "-" + System.nanoTime();
        datasetId = fixture.dataset(name);
        List<CatalogFixture.Item> first = CatalogFixture.items("ticket", 300, LABELS);
        v10 = fixture.release(fixture.version(datasetId, LABELS, first), 300, true);
        List<CatalogFixture.Item> second = new ArrayList<>(first.subList(50, 300)); // 50 removed
        for (int i = 0; i < 20; i++) { // 20 relabelled: billing -> refund
            CatalogFixture.Item item = second.get(i * 3 + 1); // indices 51, 54, ... hold "delivery"/"refund"/"billing"
            second.set(i * 3 + 1, new CatalogFixture.Item(item.text(), item.label().equals("refund") ? "billing" : "refund"));
        }
        second.addAll(CatalogFixture.items("new ticket", 50, List.of("refund"))); // 50 added
        v11 = fixture.release(fixture.version(datasetId, LABELS, second), 300, false);
        assertThat(v10.label()).isEqualTo("1.0");
        assertThat(v11.label()).isEqualTo("1.1");
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------

    HttpResponse<byte[]> get(String path, String auth, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> send(String method, String path, String auth, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String secret) {
        return "Bearer " + secret;
    }

    JsonNode body(HttpResponse<byte[]> response) throws Exception {
        return json.readTree(response.body());
    }

    int status(String path, String auth) throws Exception {
        return get(path, auth, Map.of()).statusCode();
    }

    String createToken(String tokenName) throws Exception {
        HttpResponse<byte[]> created = send("POST", "/api/catalog/tokens", basic("manager"), Map.of("name", tokenName));
        assertThat(created.statusCode()).isEqualTo(201);
        return body(created).path("secret").asText();
    }

    void grant(String consumer, String range) throws Exception {
        HttpResponse<byte[]> granted = send("POST", "/api/catalog/grants", basic("manager"), Map.of("consumer", consumer,
                "datasetId", datasetId, "versionRange", range, "intendedUse", "train a ticket router"));
        assertThat(granted.statusCode()).as(new String(granted.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    }

    long usageRows(String consumer) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM catalog_usage WHERE consumer = ? AND dataset_id = ?", Long.class,
                consumer, datasetId);
    }

    // ---- access ------------------------------------------------------------------------------------------

    @Test
    void shouldAnswer401WithoutCredentialsOrWithABadTokenAndAcceptTokensOnlyOnConsumerPaths() throws Exception {
        String items = "/api/catalog/releases/" + v10.id() + "/items";
        assertThat(status(items, null)).isEqualTo(401);
        assertThat(status("/api/catalog/releases/" + v10.id() + "/bundle.zip", null)).isEqualTo(401);
        assertThat(status(items, bearer("rfy_not-a-token"))).isEqualTo(401);
        String secret = createToken("t401-" + datasetId);
        grant("token:t401-" + datasetId, "*");
        assertThat(status(items, bearer(secret))).isEqualTo(200);
        assertThat(status("/api/versions", bearer(secret))).as("a token is no key to the rest of /api").isEqualTo(401);
        assertThat(status("/api/catalog/tokens", bearer(secret))).isEqualTo(401);
        assertThat(status("/api/catalog/usage", basic("consumer"))).isEqualTo(403);
        assertThat(send("POST", "/api/catalog/tokens", basic("consumer"), Map.of("name", "x")).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldOpenOnlyTheVersionsAGrantCoversAndLogEveryAccess() throws Exception {
        String secret = createToken("router-" + datasetId);
        String token = "token:router-" + datasetId;
        for (String auth : List.of(bearer(secret), basic("consumer"))) {
            assertThat(status("/api/catalog/releases/" + v10.id() + "/items", auth)).as("no grant yet").isEqualTo(403);
            assertThat(status("/api/catalog/releases/" + v10.id() + "/bundle.zip", auth)).isEqualTo(403);
            assertThat(status("/api/catalog/releases/" + v10.id(), auth)).isEqualTo(403);
        }
        grant(token, "1.x");
        grant("consumer", ">=1.0 <2.0");

        // the manager announces a new major: the next release is 2.0
        HttpResponse<byte[]> major = send("PUT", "/api/catalog/datasets/" + datasetId + "/next-major", basic("manager"),
                Map.of("major", 2));
        assertThat(body(major).path("nextLabel").asText()).isEqualTo("2.0");
        assertThat(send("PUT", "/api/catalog/datasets/" + datasetId + "/next-major", basic("consumer"),
                Map.of("major", 3)).statusCode()).isEqualTo(403);
        ReleaseService.Release v20 = fixture.release(fixture.version(datasetId, LABELS,
                CatalogFixture.items("v2 ticket", 30, LABELS)), 30, false);
        assertThat(v20.label()).isEqualTo("2.0");

        for (String auth : List.of(bearer(secret), basic("consumer"))) {
            assertThat(status("/api/catalog/releases/" + v10.id() + "/items?limit=10", auth)).isEqualTo(200);
            assertThat(status("/api/catalog/releases/" + v11.id() + "/items?limit=10", auth)).isEqualTo(200);
            assertThat(status("/api/catalog/releases/" + v11.id() + "/bundle.zip", auth)).isEqualTo(200);
            assertThat(status("/api/catalog/releases/" + v20.id() + "/items", auth)).as("1.x does not open 2.0").isEqualTo(403);
            assertThat(status("/api/catalog/releases/" + v20.id() + "/bundle.zip", auth)).isEqualTo(403);
            JsonNode catalog = body(get("/api/catalog/datasets", auth, Map.of()));
            JsonNode mine = null;
            for (JsonNode d : catalog) {
                if (d.path("id").asLong() == datasetId) {
                    mine = d;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.path("releases").findValuesAsText("label")).containsExactly("1.0", "1.1");
        }
        assertThat(status("/api/catalog/releases/" + v20.id() + "/items", basic("manager"))).isEqualTo(200);
        assertThat(status("/api/catalog/releases/" + v20.id() + "/items", basic("ann1"))).isEqualTo(403);

        // every page read and download is in the usage log, with who, version, what and how much
        assertThat(usageRows(token)).isEqualTo(3);
        assertThat(usageRows("user:consumer")).isEqualTo(3);
        JsonNode usage = body(get("/api/catalog/usage?dataset=" + datasetId, basic("manager"), Map.of()));
        List<String> lines = new ArrayList<>();
        usage.forEach(u -> lines.add(u.path("consumer").asText() + " " + u.path("label").asText() + " "
                + u.path("action").asText() + " " + u.path("items").asLong()));
        assertThat(lines).contains(token + " 1.0 page 10", token + " 1.1 page 10", token + " 1.1 bundle 0",
                "user:consumer 1.0 page 10", "user:manager 2.0 page 30");
        assertThat(usage.get(0).path("bytes").asLong()).isPositive();

        // revoking the token closes the door at once
        long tokenId = jdbc.queryForObject("SELECT id FROM api_token WHERE name = ?", Long.class, "router-" + datasetId);
        assertThat(send("DELETE", "/api/catalog/tokens/" + tokenId, basic("manager"), null).statusCode()).isEqualTo(204);
        assertThat(status("/api/catalog/releases/" + v10.id() + "/items", bearer(secret))).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE token_hash = ?", Long.class, secret))
                .as("only the hash is stored").isZero();
    }

    // ---- paged items ----------------------------------------------------------------------------------

    @Test
    void shouldPageThroughEveryReleasedItemOnceWithAStableCursor() throws Exception {
        List<Long> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = body(get("/api/catalog/releases/" + v11.id() + "/items?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor), basic("manager"), Map.of()));
            page.path("items").forEach(i -> {
                ids.add(i.path("itemId").asLong());
                texts.add(i.path("text").asText());
            });
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(300).doesNotHaveDuplicates().isSorted();
        assertThat(texts).contains("ticket 50", "ticket 299", "new ticket 49").doesNotContain("ticket 49");

        // a cursor handed out earlier gives the same page again
        JsonNode first = body(get("/api/catalog/releases/" + v11.id() + "/items?limit=100", basic("manager"), Map.of()));
        String second = first.path("nextCursor").asText();
        JsonNode a = body(get("/api/catalog/releases/" + v11.id() + "/items?limit=100&cursor=" + second, basic("manager"), Map.of()));
        JsonNode b = body(get("/api/catalog/releases/" + v11.id() + "/items?limit=100&cursor=" + second, basic("manager"), Map.of()));
        assertThat(a).isEqualTo(b);
        assertThat(a.path("items").get(0).path("itemId").asLong()).isEqualTo(ids.get(100));
        assertThat(a.path("items").get(0).path("label").asText()).isIn(LABELS);

        HttpResponse<byte[]> bad = get("/api/catalog/releases/" + v11.id() + "/items?cursor=12", basic("manager"), Map.of());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(body(bad).path("message").asText()).contains("cursor");
        assertThat(status("/api/catalog/releases/" + v11.id() + "/items?limit=5000", basic("manager"))).isEqualTo(400);
        assertThat(status("/api/catalog/releases/999999/items", basic("manager"))).isEqualTo(404);
    }

    // ---- bundle ---------------------------------------------------------------------------------------

    @Test
    void shouldServeTheBundleWholeOrInRangesWithTheSameBytesAndFilesMatchingTheManifest() throws Exception {
        String path = "/api/catalog/releases/" + v10.id() + "/bundle.zip";
        HttpResponse<byte[]> full = get(path, basic("manager"), Map.of());
        assertThat(full.statusCode()).isEqualTo(200);
        byte[] zip = full.body();
        assertThat(full.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(zip.length);
        String etag = full.headers().firstValue("ETag").orElseThrow();
        assertThat(full.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(get(path, basic("manager"), Map.of()).body()).as("deterministic").isEqualTo(zip);

        int cut = zip.length / 3;
        HttpResponse<byte[]> head = get(path, basic("manager"), Map.of("Range", "bytes=0-" + (cut - 1)));
        HttpResponse<byte[]> tail = get(path, basic("manager"), Map.of("Range", "bytes=" + cut + "-", "If-Range", etag));
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(head.headers().firstValue("Content-Range")).hasValue("bytes 0-" + (cut - 1) + "/" + zip.length);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(head.body());
        joined.write(tail.body());
        assertThat(joined.toByteArray()).isEqualTo(zip);
        assertThat(get(path, basic("manager"), Map.of("Range", "bytes=-10")).body())
                .isEqualTo(java.util.Arrays.copyOfRange(zip, zip.length - 10, zip.length));
        HttpResponse<byte[]> middle = get(path, basic("manager"), Map.of("Range", "bytes=100-199"));
        assertThat(middle.body()).isEqualTo(java.util.Arrays.copyOfRange(zip, 100, 200));

        HttpResponse<byte[]> beyond = get(path, basic("manager"), Map.of("Range", "bytes=" + zip.length + "-"));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + zip.length);
        assertThat(get(path, basic("manager"), Map.of("Range", "bytes=5-2")).statusCode()).isEqualTo(416);
        assertThat(get(path, basic("manager"), Map.of("Range", "lines=1-2")).statusCode()).isEqualTo(416);
        HttpResponse<byte[]> changed = get(path, basic("manager"), Map.of("Range", "bytes=0-9", "If-Range", "\"other\""));
        assertThat(changed.statusCode()).as("If-Range mismatch: the whole bundle").isEqualTo(200);
        assertThat(changed.body()).isEqualTo(zip);

        // unzipped, every file matches the manifest
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(joined.toByteArray()))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        String folder = name + "-1.0/";
        assertThat(files).containsKey(folder + "manifest.json");
        JsonNode manifest = json.readTree(files.get(folder + "manifest.json"));
        assertThat(manifest.path("files")).hasSize(4);
        for (JsonNode f : manifest.path("files")) {
            byte[] bytes = files.get(folder + f.path("path").asText());
            assertThat(bytes).as(f.path("path").asText()).isNotNull().hasSize(f.path("bytes").asInt());
            assertThat(CatalogFixture.sha256(new String(bytes, StandardCharsets.UTF_8))).isEqualTo(f.path("sha256").asText());
        }
        assertThat(files).hasSize(5);
    }

    // ---- diff and metadata -------------------------------------------------------------------------------

    @Test
    void shouldDiffTwoVersionsByContentHashWithTheClassShift() throws Exception {
        JsonNode diff = body(get("/api/catalog/diff?from=" + v10.id() + "&to=" + v11.id(), basic("manager"), Map.of()));
        assertThat(diff.path("added").asLong()).isEqualTo(50);
        assertThat(diff.path("removed").asLong()).isEqualTo(50);
        assertThat(diff.path("relabelled").asLong()).isEqualTo(20);
        assertThat(diff.path("unchanged").asLong()).isEqualTo(230);
        Map<String, long[]> classes = new HashMap<>();
        diff.path("classes").forEach(c -> classes.put(c.path("label").asText(),
                new long[] {c.path("from").asLong(), c.path("to").asLong(), c.path("delta").asLong()}));
        // 1.0: 100 each; 1.1 = items 50..299 (83 billing: 51..297 step 3 = 83? computed below) + relabels + 50 refund
        long[] expectedTo = new long[3];
        List<CatalogFixture.Item> first = CatalogFixture.items("ticket", 300, LABELS);
        List<CatalogFixture.Item> second = new ArrayList<>(first.subList(50, 300));
        for (int i = 0; i < 20; i++) {
            CatalogFixture.Item item = second.get(i * 3 + 1);
            second.set(i * 3 + 1, new CatalogFixture.Item(item.text(), item.label().equals("refund") ? "billing" : "refund"));
        }
        second.addAll(CatalogFixture.items("new ticket", 50, List.of("refund")));
        second.forEach(item -> expectedTo[LABELS.indexOf(item.label())]++);
        double tvd = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(classes.get(LABELS.get(i))).containsExactly(100, expectedTo[i], expectedTo[i] - 100);
            tvd += Math.abs(100 / 300.0 - expectedTo[i] / 300.0);
        }
        assertThat(diff.path("totalVariationDistance").asDouble()).isCloseTo(tvd / 2, within(1e-9)).isPositive();
        assertThat(diff.path("relabelledExamples")).hasSize(20);

        JsonNode release = body(get("/api/catalog/releases/" + v10.id(), basic("expert"), Map.of()));
        assertThat(release.path("reportHtml").asBoolean()).isTrue();
        assertThat(release.path("manifest").path("files")).hasSize(4);
        assertThat(new String(get("/api/catalog/releases/" + v10.id() + "/datasheet", basic("expert"), Map.of()).body(),
                StandardCharsets.UTF_8)).startsWith("# Datasheet");
        assertThat(status("/api/catalog/releases/" + v11.id() + "/report.html", basic("manager"))).isEqualTo(404);
        assertThat(status("/api/catalog/diff?from=" + v10.id() + "&to=" + v11.id(), basic("consumer"))).isEqualTo(403);
    }
}
