package io.refinery.engine.catalog;

import io.refinery.engine.release.ReleaseService.Release;
import io.refinery.engine.system.ApiException;
import io.refinery.workflows.streams.CountingOutputStream;
import io.refinery.engine.system.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog for consumers (users with a grant, or API tokens) and managers: datasets and released versions,
 * report, datasheet, manifest, diff, paged items, the resumable zip bundle; tokens, grants and the usage log.
 * Who may see what is decided by {@link Catalog} and {@link Grants}: 403 without a grant covering the version.
 */
@RestController
@RequestMapping("/api/catalog")
class CatalogController {
    static final String MANAGERS = "hasAnyRole('MANAGER','ADMIN')";

    record NextMajor(Integer major) {
    }

    record NewToken(String name) {
    }

    record NewGrant(String consumer, long datasetId, String versionRange, String intendedUse) {
    }

    private final Catalog catalog;
    private final ReleaseDiff diffs;
    private final ReleaseItems items;
    private final Bundles bundles;
    private final ApiTokens tokens;
    private final Grants grants;
    private final UsageLog usage;

    CatalogController(Catalog catalog, ReleaseDiff diffs, ReleaseItems items, Bundles bundles, ApiTokens tokens,
                      Grants grants, UsageLog usage) {
        this.catalog = catalog;
        this.diffs = diffs;
        this.items = items;
        this.bundles = bundles;
        this.tokens = tokens;
        this.grants = grants;
        this.usage = usage;
    }

    // ---- browsing ---------------------------------------------------------------------------------------

    @GetMapping("/datasets")
    @PreAuthorize("isAuthenticated()")
    List<Catalog.DatasetEntry> datasets() {
        return catalog.datasets(CurrentUser.get());
    }

    @GetMapping("/datasets/{datasetId}")
    @PreAuthorize("isAuthenticated()")
    Catalog.DatasetEntry dataset(@PathVariable long datasetId) {
        return catalog.datasets(CurrentUser.get()).stream().filter(d -> d.id() == datasetId).findFirst()
                .orElseThrow(() -> ApiException.forbidden("dataset " + datasetId + " is not in your catalog (no grant)"));
    }

    @PutMapping("/datasets/{datasetId}/next-major")
    @PreAuthorize(MANAGERS)
    Catalog.DatasetEntry nextMajor(@PathVariable long datasetId, @RequestBody NextMajor body) {
        return catalog.setNextMajor(CurrentUser.get(), datasetId, body.major());
    }

    @GetMapping("/releases/{releaseId}")
    @PreAuthorize("isAuthenticated()")
    Map<String, Object> release(@PathVariable long releaseId) throws IOException {
        CurrentUser user = CurrentUser.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("release", catalog.release(user, releaseId));
        body.put("manifest", catalog.manifest(user, releaseId));
        body.put("reportHtml", catalog.file(user, releaseId, Catalog.REPORT_HTML).isPresent());
        return body;
    }

    @GetMapping(path = "/releases/{releaseId}/datasheet", produces = "text/markdown;charset=UTF-8")
    @PreAuthorize("isAuthenticated()")
    String datasheet(@PathVariable long releaseId) throws IOException {
        return text(releaseId, Catalog.DATASHEET);
    }

    @GetMapping(path = "/releases/{releaseId}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("isAuthenticated()")
    String report(@PathVariable long releaseId) throws IOException {
        return text(releaseId, Catalog.REPORT_JSON);
    }

    @GetMapping(path = "/releases/{releaseId}/report.html", produces = MediaType.TEXT_HTML_VALUE)
    @PreAuthorize("isAuthenticated()")
    ResponseEntity<String> reportHtml(@PathVariable long releaseId) throws IOException {
        // the report is the release's own file; a sandbox keeps its scripts away from this origin
        return ResponseEntity.ok().header("Content-Security-Policy", "sandbox allow-scripts")
                .body(text(releaseId, Catalog.REPORT_HTML));
    }

    private String text(long releaseId, String name) throws IOException {
        CurrentUser user = CurrentUser.get();
        String text = catalog.text(user, releaseId, name)
                .orElseThrow(() -> ApiException.notFound("'" + name + "' of release " + releaseId));
        Release release = catalog.release(user, releaseId);
        usage.record(Consumers.of(user), release.datasetId(), release.id(), release.label(), "file", name, 0,
                text.getBytes(StandardCharsets.UTF_8).length);
        return text;
    }

    @GetMapping("/diff")
    @PreAuthorize("isAuthenticated()")
    ReleaseDiff.Diff diff(@RequestParam long from, @RequestParam long to) {
        return diffs.diff(CurrentUser.get(), from, to);
    }

    // ---- delivery ---------------------------------------------------------------------------------------

    /** {@code {"items":[...],"nextCursor":"..."}}; pass nextCursor back for the next page; null = last page. */
    @GetMapping("/releases/{releaseId}/items")
    @PreAuthorize("isAuthenticated()")
    void items(@PathVariable long releaseId, @RequestParam(required = false) String cursor,
               @RequestParam(required = false) Integer limit, HttpServletResponse response) throws IOException {
        CurrentUser user = CurrentUser.get();
        Release release = catalog.readable(user, releaseId);
        ReleaseItems.afterId(cursor); // 400 before the response starts
        ReleaseItems.limit(limit);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        CountingOutputStream out = new CountingOutputStream(response.getOutputStream());
        ReleaseItems.PageFacts page = items.writePage(release, cursor, limit, out);
        usage.record(Consumers.of(user), release.datasetId(), release.id(), release.label(), UsageLog.PAGE,
                cursor == null ? "first page" : "cursor " + cursor, page.items(), out.count());
    }

    /**
     * The release folder as a zip, streamed; resumable: {@code Range: bytes=a-b} answers 206 with those bytes
     * (the same bytes every time), 416 for a range outside the bundle; {@code If-Range} with the ETag (or the
     * Last-Modified date) honours the range only while the bundle is unchanged.
     */
    @GetMapping("/releases/{releaseId}/bundle.zip")
    @PreAuthorize("isAuthenticated()")
    void bundle(@PathVariable long releaseId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        CurrentUser user = CurrentUser.get();
        Release release = catalog.readable(user, releaseId);
        ZipBundle zip = bundles.bundle(release);
        String etag = Bundles.etag(release);
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                release.releasedAt().atOffset(ZoneOffset.UTC).withNano(0));
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.LAST_MODIFIED, lastModified);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + Bundles.fileName(release) + "\"");
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        boolean rangeApplies = ifRange == null || ifRange.equals(etag) || ifRange.equals(lastModified);
        Bundles.ByteRange range;
        try {
            range = rangeApplies ? Bundles.range(request.getHeader(HttpHeaders.RANGE), zip.length()) : null;
        } catch (Bundles.Unsatisfiable e) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + zip.length());
            response.setStatus(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.getWriter().write(e.getMessage());
            return;
        }
        if (range == null) {
            range = new Bundles.ByteRange(0, zip.length() - 1);
            response.setStatus(HttpStatus.OK.value());
        } else {
            response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + zip.length());
        }
        response.setContentType("application/zip");
        response.setContentLengthLong(range.length());
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        CountingOutputStream out = new CountingOutputStream(response.getOutputStream());
        try {
            zip.write(out, range.first(), range.last());
            out.flush();
        } finally {
            usage.record(Consumers.of(user), release.datasetId(), release.id(), release.label(), UsageLog.BUNDLE,
                    "bytes " + range.first() + "-" + range.last() + "/" + zip.length(), 0, out.count());
        }
    }

    // ---- tokens, grants, usage (managers) --------------------------------------------------------------

    @GetMapping("/tokens")
    @PreAuthorize(MANAGERS)
    List<ApiTokens.Token> tokens() {
        return tokens.all();
    }

    /** The secret is in this answer and nowhere else, ever. */
    @PostMapping("/tokens")
    @PreAuthorize(MANAGERS)
    ResponseEntity<ApiTokens.Created> createToken(@RequestBody NewToken body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tokens.create(body.name(), CurrentUser.get().id()));
    }

    @DeleteMapping("/tokens/{tokenId}")
    @PreAuthorize(MANAGERS)
    ResponseEntity<Void> revokeToken(@PathVariable long tokenId) {
        tokens.revoke(tokenId, CurrentUser.get().id());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/grants")
    @PreAuthorize(MANAGERS)
    List<Grants.Grant> grants() {
        return grants.all();
    }

    @PostMapping("/grants")
    @PreAuthorize(MANAGERS)
    ResponseEntity<Grants.Grant> grant(@RequestBody NewGrant body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(grants.create(body.consumer(), body.datasetId(),
                body.versionRange(), body.intendedUse(), CurrentUser.get().id()));
    }

    @DeleteMapping("/grants/{grantId}")
    @PreAuthorize(MANAGERS)
    ResponseEntity<Void> revokeGrant(@PathVariable long grantId) {
        grants.revoke(grantId, CurrentUser.get().id());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/usage")
    @PreAuthorize(MANAGERS)
    List<UsageLog.Usage> usage(@RequestParam(required = false) Long dataset,
                               @RequestParam(defaultValue = "200") int limit) {
        return usage.latest(dataset, limit);
    }
}
