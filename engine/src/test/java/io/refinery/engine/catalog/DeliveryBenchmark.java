package io.refinery.engine.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.release.ReleaseService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads every item of a 1,000,000-item release through the paged consumer API over HTTP, as an API token holding a
 * grant would (bearer token, grant check, usage row per page), on an H2 file: items/s, pages/s, page latency p50/p95/
 * p99. The release is seeded by SQL in batches of 100,000 rows (not through the process). Runs with {@code -Pbench}, prints a table and
 * writes {@code target/bench-delivery.md}. {@code -Dbench.items=100000} for a quicker run, {@code -Dbench.limit=} page
 * size (default 1000, the maximum).
 */
class DeliveryBenchmark {
    static final List<String> LABELS = List.of("billing", "delivery", "refund", "account", "other");
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonFactory jsonFactory = new JsonFactory();

    @Test
    void pagedRead() throws Exception {
        int items = Integer.getInteger("bench.items", 1_000_000);
        int limit = Integer.getInteger("bench.limit", 1000);
        Path dir = Path.of("target", "bench-delivery-h2");
        delete(dir);
        delete(Path.of("target", "bench-delivery-data"));
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", "jdbc:h2:file:" + dir.toAbsolutePath() + "/refinery;DB_CLOSE_ON_EXIT=FALSE");
        props.put("server.port", "0");
        props.put("refinery.data-dir", "target/bench-delivery-data");
        props.put("camunda.bpm.job-execution.enabled", "false");
        props.put("logging.level.root", "warn");
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(HeadlessEngine.class).run(args)) {
            run(app, items, limit);
        }
    }

    private void run(ConfigurableApplicationContext app, int count, int limit) throws Exception {
        CatalogFixture fixture = new CatalogFixture(app);
        long t0 = System.nanoTime();
        long datasetId = fixture.dataset("bench-delivery");
        long versionId = fixture.version(datasetId, LABELS, 0, i -> null);
        seed(app.getBean(JdbcTemplate.class), versionId, count);
        ReleaseService.Release release = fixture.release(versionId, count, false);
        double seed = (System.nanoTime() - t0) / 1e9;
        ApiTokens.Created token = app.getBean(ApiTokens.class).create("bench-reader", "manager");
        app.getBean(Grants.class).create("token:bench-reader", datasetId, "1.x", "benchmark", "manager");
        int port = app.getBean(Environment.class).getProperty("local.server.port", Integer.class);
        String base = "http://localhost:" + port + "/api/catalog/releases/" + release.id() + "/items?limit=" + limit;

        readAll(base, token.secret(), Math.min(count, 50_000)); // warm-up: JIT, caches
        int pages = (count + limit - 1) / limit;
        double[] latency = new double[pages + 1];
        long started = System.nanoTime();
        String cursor = null;
        long read = 0;
        long bytes = 0;
        int page = 0;
        do {
            long p0 = System.nanoTime();
            HttpResponse<InputStream> response = http.send(request(base, cursor, token.secret()),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("page " + page + ": HTTP " + response.statusCode());
            }
            long[] itemsAndBytes = new long[2];
            cursor = parse(response.body(), itemsAndBytes);
            latency[page++] = (System.nanoTime() - p0) / 1e6;
            read += itemsAndBytes[0];
            bytes += itemsAndBytes[1];
        } while (cursor != null);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (read != count) {
            throw new IllegalStateException("read " + read + " items, expected " + count);
        }
        double[] sorted = Arrays.copyOf(latency, page);
        Arrays.sort(sorted);
        String table = String.format(Locale.ROOT, """
                # Delivery benchmark: paged item API

                Machine: %d cores, Java %s, H2 file, one client thread, API token with a grant (bearer filter, grant
                check and one usage row per page), page size %d, the client parses every page (Jackson streaming).

                | figure | value |
                |---|---|
                | items in the release | %,d |
                | seed (INSERT ... SELECT batches + seal) | %.1f s |
                | read all items over HTTP | %.2f s |
                | items/s | %,.0f |
                | pages/s | %.1f |
                | MB/s (JSON) | %.1f |
                | page latency p50 / p95 / p99 / max | %.1f / %.1f / %.1f / %.1f ms |
                | first page / last page | %.1f / %.1f ms |
                """, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), limit, count, seed,
                seconds, read / seconds, page / seconds, bytes / seconds / 1e6, pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99), sorted[sorted.length - 1], latency[0], latency[page - 1]);
        System.out.println(table);
        Files.writeString(Path.of("target", "bench-delivery.md"), table);
    }

    /** Items generated by the database itself (H2's SYSTEM_RANGE), 100,000 rows per statement. */
    private static void seed(JdbcTemplate jdbc, long versionId, int count) {
        long rawId = jdbc.queryForObject("SELECT id FROM raw_item WHERE version_id = ?", Long.class, versionId);
        String text = "CONCAT('Customer ticket ', X, ': my order ', MOD(X * 7919, 100000),"
                + " ' has not arrived, please check the delivery and refund if it is lost')";
        StringBuilder label = new StringBuilder("CASE MOD(X, ").append(LABELS.size()).append(')');
        for (int i = 0; i < LABELS.size(); i++) {
            label.append(" WHEN ").append(i).append(" THEN '").append(LABELS.get(i)).append('\'');
        }
        label.append(" END");
        for (int from = 1; from <= count; from += 100_000) {
            int to = Math.min(count, from + 99_999);
            jdbc.update("INSERT INTO item (version_id, raw_item_id, source, line_no, external_id, text, content_hash,"
                    + " final_label) SELECT ?, ?, 'bench.jsonl', X, CONCAT('e', X), " + text + ", LOWER(RAWTOHEX(HASH('SHA-256', "
                    + text + "))), " + label + " FROM SYSTEM_RANGE(?, ?)", versionId, rawId, from, to);
        }
    }

    private void readAll(String base, String secret, int max) throws Exception {
        String cursor = null;
        long read = 0;
        do {
            long[] n = new long[2];
            cursor = parse(http.send(request(base, cursor, secret), HttpResponse.BodyHandlers.ofInputStream()).body(), n);
            read += n[0];
        } while (cursor != null && read < max);
    }

    private static HttpRequest request(String base, String cursor, String secret) {
        return HttpRequest.newBuilder(URI.create(base + (cursor == null ? "" : "&cursor=" + cursor)))
                .header("Authorization", "Bearer " + secret).build();
    }

    /** Counts the page's items and bytes; returns its nextCursor. */
    private String parse(InputStream body, long[] itemsAndBytes) throws IOException {
        String next = null;
        try (JsonParser p = jsonFactory.createParser(body)) {
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT) {
                    depth++;
                    if (depth == 2) {
                        itemsAndBytes[0]++;
                    }
                } else if (t == JsonToken.END_OBJECT) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 1 && "nextCursor".equals(p.currentName())) {
                    next = p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                }
            }
            itemsAndBytes[1] = p.currentLocation().getByteOffset();
        }
        return next;
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
