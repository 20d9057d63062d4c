package io.refinery.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.BlobStore;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Ndjson;
import io.refinery.engine.system.RefineryProperties;
import io.refinery.engine.system.Roles;
import io.refinery.workflows.api.WorkerApi;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Versions, uploaded sources, and the bulk NDJSON streams that the collect and process workers use. */
@RestController
class DatasetController {
    static final String MANAGERS = "hasAnyRole('MANAGER','ADMIN')";
    static final String WORKERS = "hasAnyRole('WORKER','ADMIN')";
    static final String READERS = "hasAnyRole('MANAGER','ADMIN','WORKER','EXPERT')";

    private final DatasetRepository datasets;
    private final ItemRepository items;
    private final BlobStore blobs;
    private final RefineryProperties properties;
    private final ObjectMapper json;
    private final Media media;
    private final SourceUploads uploads;
    private final SourcePolicy sources;
    private final NdjsonIngest ingest;
    private final DemandList demands;

    DatasetController(DatasetRepository datasets, ItemRepository items, BlobStore blobs,
                      RefineryProperties properties, ObjectMapper json, Media media, SourceUploads uploads,
                      SourcePolicy sources, NdjsonIngest ingest, DemandList demands) {
        this.ingest = ingest;
        this.demands = demands;
        this.media = media;
        this.sources = sources;
        this.uploads = uploads;
        this.datasets = datasets;
        this.items = items;
        this.blobs = blobs;
        this.properties = properties;
        this.json = json;
    }

    /** The URL allow-list and size cap, for collect workers that check URL sources where they fetch them. */
    @GetMapping(WorkerApi.SOURCES_POLICY)
    @PreAuthorize(WORKERS)
    SourcePolicy.WorkerPolicy sourcePolicy() {
        return sources.workerPolicy();
    }

    @GetMapping("/api/versions")
    @PreAuthorize(READERS)
    List<DatasetRepository.VersionRow> versions() {
        return datasets.versions();
    }

    @GetMapping(WorkerApi.VERSION)
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
        Map<String, DemandList.StepProgress> progress = new LinkedHashMap<>();
        demands.stepProgress(versionId).forEach(p -> progress.put(p.step(), p));
        body.put("progress", progress);
        body.put("counts", datasets.counts(versionId));
        body.put("sources", datasets.sources(versionId));
        return body;
    }

    // ---- uploaded sources ------------------------------------------------------------------------------

    @PutMapping(path = "/api/versions/{versionId}/sources/{name}", consumes = MediaType.ALL_VALUE)
    @PreAuthorize(MANAGERS)
    ResponseEntity<DatasetRepository.SourceRow> upload(@PathVariable long versionId, @PathVariable String name,
                                                       HttpServletRequest request) throws IOException {
        requireVersion(versionId);
        SourceUploads.checkName(name);
        SourceUploads.refuseFormEncoding(request.getContentType(), name);
        try (InputStream in = request.getInputStream();
             BlobStore.Staged staged = blobs.stage(in, properties.uploadMaxBytes())) {
            SourceUploads.Stored stored = uploads.store(versionId, name, staged, CurrentUser.get().id());
            return ResponseEntity.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK).body(stored.row());
        }
    }

    @GetMapping(WorkerApi.SOURCES)
    @PreAuthorize(READERS)
    List<DatasetRepository.SourceRow> sources(@PathVariable long versionId) {
        requireVersion(versionId);
        return datasets.sources(versionId);
    }

    @GetMapping(WorkerApi.SOURCE_CONTENT)
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
    @GetMapping(WorkerApi.MEDIA)
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
    @PostMapping(path = WorkerApi.RAW_ITEMS, consumes = {Ndjson.MEDIA_TYPE, MediaType.ALL_VALUE})
    @PreAuthorize(WORKERS)
    Map<String, Long> postRaw(@PathVariable long versionId, HttpServletRequest request) throws IOException {
        requireVersion(versionId);
        return ingest.rawItems(versionId, request.getInputStream()).answer();
    }

    @GetMapping(path = WorkerApi.RAW_ITEMS, produces = Ndjson.MEDIA_TYPE)
    @PreAuthorize(WORKERS)
    ResponseEntity<StreamingResponseBody> raw(@PathVariable long versionId) {
        requireVersion(versionId);
        return Ndjson.response(json, out -> items.streamRaw(versionId, row -> Ndjson.write(out, row)));
    }

    /** NDJSON of {@code {"step","source","line","reason","raw"}}; insert-if-absent by (step, source, line); answers as raw-items. */
    @PostMapping(path = WorkerApi.QUARANTINE, consumes = {Ndjson.MEDIA_TYPE, MediaType.ALL_VALUE})
    @PreAuthorize(WORKERS)
    Map<String, Long> postQuarantine(@PathVariable long versionId, HttpServletRequest request) throws IOException {
        requireVersion(versionId);
        return ingest.quarantine(versionId, request.getInputStream()).answer();
    }

    @GetMapping(path = WorkerApi.QUARANTINE, produces = Ndjson.MEDIA_TYPE)
    @PreAuthorize(READERS)
    ResponseEntity<StreamingResponseBody> quarantine(@PathVariable long versionId) {
        requireVersion(versionId);
        return Ndjson.response(json, out -> items.streamQuarantine(versionId, row -> Ndjson.write(out, row)));
    }

    // ---- process: items --------------------------------------------------------------------------------

    /**
     * NDJSON of {@code {"rawItemId","externalId","text","contentHash","meta":{..},"pii":{..}}}; an item whose
     * content hash the version already has is not stored again (exact dedup; first occurrence kept); answers as
     * raw-items.
     */
    @PostMapping(path = WorkerApi.ITEMS, consumes = {Ndjson.MEDIA_TYPE, MediaType.ALL_VALUE})
    @PreAuthorize(WORKERS)
    Map<String, Long> postItems(@PathVariable long versionId, HttpServletRequest request) throws IOException {
        requireVersion(versionId);
        return ingest.items(versionId, request.getInputStream()).answer();
    }

    @GetMapping(path = WorkerApi.ITEMS, produces = Ndjson.MEDIA_TYPE)
    @PreAuthorize(READERS)
    ResponseEntity<StreamingResponseBody> items(@PathVariable long versionId) {
        requireVersion(versionId);
        return Ndjson.response(json, out -> items.streamItems(versionId, row -> Ndjson.write(out, row)));
    }

    /** NDJSON of {@code {"itemId","label","rule"}}: rule pre-labels (a redo overwrites with the same values). */
    @PostMapping(path = WorkerApi.PRELABELS, consumes = {Ndjson.MEDIA_TYPE, MediaType.ALL_VALUE})
    @PreAuthorize(WORKERS)
    Map<String, Long> postPrelabels(@PathVariable long versionId, HttpServletRequest request) throws IOException {
        requireVersion(versionId);
        return Map.of("received", ingest.prelabels(versionId, request.getInputStream()).received());
    }

    /** A step's figures (counts by reason, PII by kind, ...), shown in the UI and the datasheet. */
    @PutMapping(path = WorkerApi.STATS, consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(WORKERS)
    ResponseEntity<Void> putStats(@PathVariable long versionId, @PathVariable String step, @RequestBody JsonNode stats) {
        requireVersion(versionId);
        if (!step.matches("[a-z-]{1,40}") || !stats.isObject()) {
            throw ApiException.badRequest("step must be lower-case letters and '-', body a JSON object");
        }
        datasets.putStats(versionId, step, stats.toString());
        return ResponseEntity.noContent().build();
    }

    /** How far a running step is, as its worker reports it about once a second (shown on the demand's page). */
    @PutMapping(path = WorkerApi.PROGRESS, consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(WORKERS)
    ResponseEntity<Void> putProgress(@PathVariable long versionId, @PathVariable String step,
                                     @RequestBody WorkerApi.Progress progress) throws IOException {
        requireVersion(versionId);
        if (!step.matches("[a-z-]{1,40}")) {
            throw ApiException.badRequest("step must be lower-case letters and '-' (at most 40), not '" + step + "'");
        }
        if (progress.rows() < 0 || progress.done() < 0 || progress.total() < 0) {
            throw ApiException.badRequest("rows, done and total must not be negative");
        }
        datasets.putProgress(versionId, step, json.writeValueAsString(progress));
        return ResponseEntity.noContent().build();
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    DatasetRepository.VersionRow requireVersion(long versionId) {
        return datasets.version(versionId).orElseThrow(() -> ApiException.notFound("dataset version " + versionId));
    }
}
