package io.refinery.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.BlobStore;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import io.refinery.engine.system.Ndjson;
import io.refinery.engine.system.RefineryProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Versions, uploaded sources, and the bulk NDJSON streams that the collect and process workers use. */
@RestController
@RequestMapping("/api")
class DatasetController {
    static final String MANAGERS = "hasAnyRole('MANAGER','ADMIN')";
    static final String WORKERS = "hasAnyRole('WORKER','ADMIN')";
    static final String READERS = "hasAnyRole('MANAGER','ADMIN','WORKER','EXPERT')";
    private static final int BATCH = 1000;

    private final DatasetRepository datasets;
    private final ItemRepository items;
    private final BlobStore blobs;
    private final RefineryProperties properties;
    private final ObjectMapper json;
    private final Media media;

    DatasetController(DatasetRepository datasets, ItemRepository items, BlobStore blobs,
                      RefineryProperties properties, ObjectMapper json, Media media) {
        this.media = media;
        this.datasets = datasets;
        this.items = items;
        this.blobs = blobs;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/versions")
    @PreAuthorize(READERS)
    List<DatasetRepository.VersionRow> versions() {
        return datasets.versions();
    }

    @GetMapping("/versions/{versionId}")
    @PreAuthorize(READERS)
    Map<String, Object> version(@PathVariable long versionId) throws IOException {
        DatasetRepository.VersionRow v = requireVersion(versionId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", v);
        body.put("demand", json.readTree(v.demandJson()));
        Map<String, JsonNode> stats = new LinkedHashMap<>();
        for (var e : datasets.stats(versionId).entrySet()) {
            stats.put(e.getKey(), json.readTree(e.getValue()));
        }
        body.put("stats", stats);
        body.put("counts", datasets.counts(versionId));
        body.put("sources", datasets.sources(versionId));
        return body;
    }

    // ---- uploaded sources ------------------------------------------------------------------------------

    @PutMapping(path = "/versions/{versionId}/sources/{name}", consumes = MediaType.ALL_VALUE)
    @PreAuthorize(MANAGERS)
    ResponseEntity<DatasetRepository.SourceRow> upload(@PathVariable long versionId, @PathVariable String name,
                                                       HttpServletRequest request) throws IOException {
        requireVersion(versionId);
        if (!name.matches("[\\p{L}\\p{N}._-]{1,200}") || name.startsWith(".")) {
            throw ApiException.badRequest("file name '" + name + "': use letters, digits, '.', '_' or '-' (max 200)");
        }
        boolean image = Media.isImageName(name);
        if (!image && !name.matches(".*\\.(jsonl|ndjson|csv|parquet|json|xml|zip)")) {
            throw ApiException.badRequest("file name '" + name + "': expected a .jsonl, .ndjson or .csv file of rows,"
                    + " a .parquet, COCO or Alpaca .json, Pascal VOC .xml, YOLO or VOC .zip file,"
                    + " or a .png, .jpg, .gif or .webp image that rows name in their 'image' field");
        }
        BlobStore.Blob blob;
        try (InputStream in = new java.io.BufferedInputStream(request.getInputStream())) {
            if (image) {
                in.mark(16);
                byte[] head = new byte[16];
                Media.checkSignature(name, head, in.readNBytes(head, 0, head.length));
                in.reset();
            }
            blob = blobs.put(in, properties.uploadMaxBytes());
        }
        var existing = datasets.source(versionId, name);
        if (existing.isPresent()) {
            if (!existing.get().sha256().equals(blob.sha256())) {
                throw ApiException.conflict("source '" + name + "' already exists in version " + versionId
                        + " with other content; upload it under another name");
            }
            return ResponseEntity.ok(existing.get());
        }
        datasets.insertSource(versionId, name, blob.sha256(), blob.bytes(), CurrentUser.get().id());
        return ResponseEntity.status(HttpStatus.CREATED).body(datasets.source(versionId, name).orElseThrow());
    }

    @GetMapping("/versions/{versionId}/sources")
    @PreAuthorize(READERS)
    List<DatasetRepository.SourceRow> sources(@PathVariable long versionId) {
        requireVersion(versionId);
        return datasets.sources(versionId);
    }

    @GetMapping("/versions/{versionId}/sources/{sourceId}/content")
    @PreAuthorize(READERS)
    ResponseEntity<StreamingResponseBody> sourceContent(@PathVariable long versionId, @PathVariable long sourceId) {
        var source = datasets.source(sourceId).filter(s -> s.versionId() == versionId)
                .orElseThrow(() -> ApiException.notFound("source " + sourceId + " of version " + versionId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).contentLength(source.bytes())
                .body(out -> {
                    try (InputStream in = blobs.open(source.sha256())) {
                        in.transferTo(out);
                    }
                });
    }

    /**
     * An uploaded image of the version, for the people who label or check it: managers, experts, workers, and the
     * annotators who have a package of this version. Immutable per version and name, so browsers may cache it.
     */
    @GetMapping("/versions/{versionId}/media/{name}")
    @PreAuthorize("isAuthenticated()")
    ResponseEntity<StreamingResponseBody> media(@PathVariable long versionId, @PathVariable String name) {
        CurrentUser user = CurrentUser.get();
        boolean reader = user.hasRole(Roles.MANAGER) || user.hasRole(Roles.ADMIN)
                || user.hasRole(Roles.EXPERT) || user.hasRole(Roles.WORKER);
        if (!reader && !media.annotatorWorksOn(versionId, user.id())) {
            throw ApiException.forbidden("images of version " + versionId + " are open to its annotators, experts and managers");
        }
        Media.Image image = media.image(versionId, name)
                .orElseThrow(() -> ApiException.notFound("image '" + name + "' of version " + versionId));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.contentType())).contentLength(image.bytes())
                .eTag("\"" + image.sha256() + "\"")
                .cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .body(out -> {
                    try (InputStream in = media.open(image)) {
                        in.transferTo(out);
                    }
                });
    }

    // ---- collect: raw rows and quarantine ------------------------------------------------------------

    /**
     * NDJSON of {@code {"source":..,"line":..,"payload":{..}}}; insert-if-absent by (source, line). Answers how many
     * records this request carried and how many of them were new (a redelivered batch: 0), never a count of the
     * whole version, so a batch costs the same however large the version grows.
     */
    @PostMapping(path = "/versions/{versionId}/raw-items", consumes = {Ndjson.MEDIA_TYPE, MediaType.ALL_VALUE})
    @PreAuthorize(WORKERS)
    Map<String, Long> postRaw(@PathVariable long versionId, HttpServletRequest request) throws IOException {
        requireVersion(versionId);
        long[] inserted = {0};
        long received = Ndjson.readBatches(request.getInputStream(), json, BATCH, batch -> {
            List<Object[]> rows = new ArrayList<>(batch.size());
            for (Ndjson.Line line : batch) {
                JsonNode payload = line.node().get("payload");
                if (payload == null || !payload.isObject()) {
                    throw ApiException.badRequest("NDJSON line " + line.lineNo() + ": field 'payload' must be an object");
                }
                rows.add(new Object[] {Ndjson.text(line, "source"), Ndjson.number(line, "line"), payload.toString()});
            }
            inserted[0] += items.insertRaw(versionId, rows);
        });
        return Map.of("received", received, "inserted", inserted[0]);
    }

    @GetMapping(path = "/versions/{versionId}/raw-items", produces = Ndjson.MEDIA_TYPE)
    @PreAuthorize(WORKERS)
    ResponseEntity<StreamingResponseBody> raw(@PathVariable long versionId) {
        requireVersion(versionId);
        return Ndjson.response(json, out -> items.stream(
                "SELECT id, source, line_no, payload FROM raw_item WHERE version_id = ? ORDER BY source, line_no",
                rs -> Ndjson.write(out, Map.of("rawItemId", rs.getLong(1), "source", rs.getString(2), "line", rs.getLong(3),
                        "payload", Ndjson.raw(rs.getString(4)))), versionId));
    }

    /** NDJSON of {@code {"step","source","line","reason","raw"}}; insert-if-absent by (step, source, line); answers as raw-items. */
    @PostMapping(path = "/versions/{versionId}/quarantine", consumes = {Ndjson.MEDIA_TYPE, MediaType.ALL_VALUE})
    @PreAuthorize(WORKERS)
    Map<String, Long> postQuarantine(@PathVariable long versionId, HttpServletRequest request) throws IOException {
        requireVersion(versionId);
        long[] inserted = {0};
        long received = Ndjson.readBatches(request.getInputStream(), json, BATCH, batch -> {
            List<Object[]> rows = new ArrayList<>(batch.size());
            for (Ndjson.Line line : batch) {
                JsonNode raw = line.node().get("raw");
                rows.add(new Object[] {Ndjson.text(line, "step"), Ndjson.text(line, "source"),
                        Ndjson.number(line, "line"), truncate(Ndjson.text(line, "reason"), 1000),
                        raw == null || raw.isNull() ? null : raw.asText()});
            }
            inserted[0] += items.insertQuarantine(versionId, rows);
        });
        return Map.of("received", received, "inserted", inserted[0]);
    }

    @GetMapping(path = "/versions/{versionId}/quarantine", produces = Ndjson.MEDIA_TYPE)
    @PreAuthorize(READERS)
    ResponseEntity<StreamingResponseBody> quarantine(@PathVariable long versionId) {
        requireVersion(versionId);
        return Ndjson.response(json, out -> items.stream(
                "SELECT step, source, line_no, reason, raw FROM quarantine WHERE version_id = ? ORDER BY step, source, line_no",
                rs -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("step", rs.getString(1));
                    row.put("source", rs.getString(2));
                    row.put("line", rs.getLong(3));
                    row.put("reason", rs.getString(4));
                    row.put("raw", rs.getString(5));
                    Ndjson.write(out, row);
                }, versionId));
    }

    // ---- process: items --------------------------------------------------------------------------------

    /**
     * NDJSON of {@code {"rawItemId","externalId","text","contentHash","meta":{..},"pii":{..}}}; an item whose
     * content hash the version already has is not stored again (exact dedup; first occurrence kept); answers as
     * raw-items.
     */
    @PostMapping(path = "/versions/{versionId}/items", consumes = {Ndjson.MEDIA_TYPE, MediaType.ALL_VALUE})
    @PreAuthorize(WORKERS)
    Map<String, Long> postItems(@PathVariable long versionId, HttpServletRequest request) throws IOException {
        requireVersion(versionId);
        long[] inserted = {0};
        long received = Ndjson.readBatches(request.getInputStream(), json, BATCH, batch -> {
            List<Object[]> rows = new ArrayList<>(batch.size());
            for (Ndjson.Line line : batch) {
                String hash = Ndjson.text(line, "contentHash");
                if (!hash.matches("[0-9a-f]{64}")) {
                    throw ApiException.badRequest("NDJSON line " + line.lineNo() + ": 'contentHash' must be 64 hex digits");
                }
                JsonNode externalId = line.node().get("externalId");
                rows.add(new Object[] {Ndjson.number(line, "rawItemId"),
                        externalId == null || externalId.isNull() ? null : externalId.asText(),
                        Ndjson.text(line, "text"), hash, jsonOrNull(line.node().get("meta")),
                        jsonOrNull(line.node().get("pii"))});
            }
            inserted[0] += items.insertItems(versionId, rows);
        });
        return Map.of("received", received, "inserted", inserted[0]);
    }

    @GetMapping(path = "/versions/{versionId}/items", produces = Ndjson.MEDIA_TYPE)
    @PreAuthorize(READERS)
    ResponseEntity<StreamingResponseBody> items(@PathVariable long versionId) {
        requireVersion(versionId);
        return Ndjson.response(json, out -> items.stream("""
                SELECT id, external_id, text, source, line_no, meta_json, prelabel, package_id, final_label
                FROM\s""" + items.inIdOrder("item") + " WHERE version_id = ? ORDER BY id",
                rs -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("itemId", rs.getLong(1));
                    row.put("externalId", rs.getString(2));
                    row.put("text", rs.getString(3));
                    row.put("source", rs.getString(4));
                    row.put("line", rs.getLong(5));
                    row.put("meta", Ndjson.raw(rs.getString(6)));
                    row.put("prelabel", rs.getString(7));
                    long packageId = rs.getLong(8);
                    row.put("packageId", rs.wasNull() ? null : packageId);
                    row.put("finalLabel", rs.getString(9));
                    Ndjson.write(out, row);
                }, versionId));
    }

    /** NDJSON of {@code {"itemId","label","rule"}}: rule pre-labels (a redo overwrites with the same values). */
    @PostMapping(path = "/versions/{versionId}/prelabels", consumes = {Ndjson.MEDIA_TYPE, MediaType.ALL_VALUE})
    @PreAuthorize(WORKERS)
    Map<String, Long> postPrelabels(@PathVariable long versionId, HttpServletRequest request) throws IOException {
        requireVersion(versionId);
        long received = Ndjson.readBatches(request.getInputStream(), json, BATCH, batch -> items.setPrelabels(versionId,
                batch.stream().map(l -> new Object[] {Ndjson.text(l, "label"), truncate(Ndjson.text(l, "rule"), 500),
                        Ndjson.number(l, "itemId")}).toList()));
        return Map.of("received", received);
    }

    /** A step's figures (counts by reason, PII by kind, ...), shown in the UI and the datasheet. */
    @PutMapping(path = "/versions/{versionId}/stats/{step}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(WORKERS)
    ResponseEntity<Void> putStats(@PathVariable long versionId, @PathVariable String step, @RequestBody JsonNode stats) {
        requireVersion(versionId);
        if (!step.matches("[a-z-]{1,40}") || !stats.isObject()) {
            throw ApiException.badRequest("step must be lower-case letters and '-', body a JSON object");
        }
        datasets.putStats(versionId, step, stats.toString());
        return ResponseEntity.noContent().build();
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    DatasetRepository.VersionRow requireVersion(long versionId) {
        return datasets.version(versionId).orElseThrow(() -> ApiException.notFound("dataset version " + versionId));
    }

    static String jsonOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
