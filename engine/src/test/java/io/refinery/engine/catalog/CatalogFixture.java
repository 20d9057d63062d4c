package io.refinery.engine.catalog;

import io.refinery.engine.dataset.DatasetRepository;
import io.refinery.engine.release.ReleaseService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Released versions without running the whole process: a dataset, a version whose items (text, final label) are
 * inserted in SQL batches, and a release sealed by the real {@link ReleaseService} from small files (data.jsonl,
 * datasheet.md, quality-report.json and optionally quality-report.html, manifest.json). Shared with the designer's
 * tests and the delivery benchmark.
 */
public final class CatalogFixture {
    /** One item: its text and final label. */
    public record Item(String text, String label) {
    }

    private final JdbcTemplate jdbc;
    private final DatasetRepository datasets;
    private final ReleaseService releases;

    public CatalogFixture(ApplicationContext context) {
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.datasets = context.getBean(DatasetRepository.class);
        this.releases = context.getBean(ReleaseService.class);
    }

    public long dataset(String name) {
        return datasets.datasetIdFor(name, "text-classification", "manager");
    }

    /** A version of the dataset whose items carry final labels; returns the version id. */
    public long version(long datasetId, List<String> labels, List<Item> items) {
        return version(datasetId, labels, items.size(), items::get);
    }

    /** A version of {@code count} items made by {@code item(i)} and inserted in batches (nothing held in memory). */
    public long version(long datasetId, List<String> labels, int count, IntFunction<Item> item) {
        String demand = "{\"name\":\"fixture\",\"taskType\":\"text-classification\",\"labelSet\":["
                + String.join(",", labels.stream().map(l -> "\"" + l + "\"").toList()) + "]}";
        long versionId = datasets.insertVersion(datasetId, demand, "manager");
        jdbc.update("INSERT INTO raw_item (version_id, source, line_no, payload) VALUES (?, 'fixture.jsonl', 0, '{}')",
                versionId);
        long rawId = jdbc.queryForObject("SELECT id FROM raw_item WHERE version_id = ?", Long.class, versionId);
        int batch = 5000;
        for (int from = 0; from < count; from += batch) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + batch); i++) {
                Item it = item.apply(i);
                rows.add(new Object[] {versionId, rawId, i + 1, "e" + (i + 1), it.text(), sha256(it.text()), it.label()});
            }
            jdbc.batchUpdate("INSERT INTO item (version_id, raw_item_id, source, line_no, external_id, text, content_hash,"
                    + " final_label) VALUES (?, ?, 'fixture.jsonl', ?, ?, ?, ?, ?)", rows);
        }
        io.refinery.engine.tasks.InboxFixture.recount(jdbc, versionId);
        return versionId;
    }

    /** Seals the version as the dataset's next release, with a small HTML report when {@code html}. */
    public ReleaseService.Release release(long versionId, long itemCount, boolean html) throws IOException {
        return release(versionId, itemCount, "{\"passed\":true,\"metrics\":{\"completeness\":1.0,\"agreement\":0.91}}",
                html ? "<!doctype html><html><body><h1 id=\"report-title\">Quality report</h1>"
                        + "<p>Completeness 100 %, agreement 91 %</p></body></html>" : null);
    }

    /** Seals the version as the dataset's next release with this quality report (HTML optional, {@code null} = none). */
    public ReleaseService.Release release(long versionId, long itemCount, String reportJson, String reportHtml)
            throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("data.jsonl", "{\"note\":\"the items are in the engine's tables\",\"version\":" + versionId + "}\n");
        files.put("datasheet.md", "# Datasheet\n\n## Motivation\n\nFixture release of version " + versionId
                + ".\n\n## Composition\n\n- " + itemCount + " items\n");
        files.put("quality-report.json", reportJson);
        if (reportHtml != null) {
            files.put("quality-report.html", reportHtml);
        }
        StringBuilder manifest = new StringBuilder("{\"files\":[");
        for (var f : files.entrySet()) {
            byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
            releases.putFile(versionId, f.getKey(), new ByteArrayInputStream(bytes));
            manifest.append(manifest.charAt(manifest.length() - 1) == '[' ? "" : ",")
                    .append("{\"path\":\"").append(f.getKey()).append("\",\"bytes\":").append(bytes.length)
                    .append(",\"sha256\":\"").append(sha256(f.getValue())).append("\"}");
        }
        manifest.append("]}");
        releases.putFile(versionId, ReleaseService.MANIFEST,
                new ByteArrayInputStream(manifest.toString().getBytes(StandardCharsets.UTF_8)));
        return releases.seal(versionId, itemCount, "worker");
    }

    /** {@code count} items "text i" labelled round-robin over {@code labels}. */
    public static List<Item> items(String prefix, int count, List<String> labels) {
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(new Item(prefix + " " + i, labels.get(i % labels.size())));
        }
        return items;
    }

    public void grantAt(long datasetId, String consumer, String range) {
        jdbc.update("INSERT INTO catalog_grant (consumer, dataset_id, version_range, intended_use, created_by, created_at)"
                + " VALUES (?, ?, ?, 'tests', 'manager', ?)", consumer, datasetId, range, Timestamp.from(Instant.now()));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
