package io.refinery.engine.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.dataset.DatasetItems;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Ndjson;
import io.refinery.workflows.api.WorkerApi;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
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

/** Release inputs for the release worker, sealing, the catalog of releases and downloads. */
@RestController
class ReleaseController {
    static final String READERS = "hasAnyRole('MANAGER','ADMIN','EXPERT','WORKER')";

    private final ReleaseService releases;
    private final DatasetItems items;
    private final ObjectMapper json;
    private final ReleaseLineage lineage;

    ReleaseController(ReleaseService releases, DatasetItems items, ObjectMapper json, ReleaseLineage lineage) {
        this.releases = releases;
        this.items = items;
        this.json = json;
        this.lineage = lineage;
    }

    /** The process instance and deployed definition that built the version, for the release's lineage. */
    @GetMapping(WorkerApi.RELEASE_LINEAGE)
    @PreAuthorize(READERS)
    Map<String, Object> lineage(@PathVariable long versionId) {
        return lineage.of(versionId);
    }

    /** NDJSON of the items with a final answer (label and full value), in item order: what goes into data.jsonl. */
    @GetMapping(path = WorkerApi.RELEASE_ITEMS, produces = Ndjson.MEDIA_TYPE)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    ResponseEntity<StreamingResponseBody> releaseItems(@PathVariable long versionId) {
        return Ndjson.response(json, out -> items.streamAnswered(versionId, item -> Ndjson.write(out, item)));
    }

    @PutMapping(path = WorkerApi.RELEASE_FILE, consumes = MediaType.ALL_VALUE)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    Map<String, String> putFile(@PathVariable long versionId, @PathVariable String name, HttpServletRequest request)
            throws IOException {
        try (InputStream in = request.getInputStream()) {
            return Map.of("path", name, "sha256", releases.putFile(versionId, name, in));
        }
    }

    @PostMapping(WorkerApi.RELEASE_SEAL)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    ReleaseService.Release seal(@PathVariable long versionId, @RequestBody WorkerApi.Seal seal) throws IOException {
        return releases.seal(versionId, seal.itemCount(), CurrentUser.get().id());
    }

    /** The label the version will get when it is sealed now (1.0 for a dataset's first release, then 1.1, ...). */
    @GetMapping(WorkerApi.RELEASE_NEXT_LABEL)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    Map<String, String> nextLabel(@PathVariable long versionId) {
        return Map.of("label", releases.nextLabel(versionId));
    }

    @GetMapping(WorkerApi.RELEASE)
    @PreAuthorize(READERS)
    ReleaseService.Release ofVersion(@PathVariable long versionId) {
        return releases.forVersion(versionId).orElseThrow(() -> ApiException.notFound("release of version " + versionId));
    }

    @GetMapping("/api/releases")
    @PreAuthorize(READERS)
    List<ReleaseService.Release> list() {
        return releases.all();
    }

    @GetMapping("/api/releases/{releaseId}")
    @PreAuthorize(READERS)
    Map<String, Object> release(@PathVariable long releaseId) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("release", releases.byId(releaseId).orElseThrow(() -> ApiException.notFound("release " + releaseId)));
        body.put("manifest", releases.manifest(releaseId));
        return body;
    }

    @GetMapping("/api/releases/{releaseId}/files/{name}")
    @PreAuthorize(READERS)
    ResponseEntity<Resource> download(@PathVariable long releaseId, @PathVariable String name) throws IOException {
        Path file = releases.file(releaseId, name);
        String type = name.endsWith(".json") ? MediaType.APPLICATION_JSON_VALUE
                : name.endsWith(".md") ? "text/markdown; charset=utf-8"
                : name.endsWith(".jsonl") ? Ndjson.MEDIA_TYPE : MediaType.APPLICATION_OCTET_STREAM_VALUE;
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(MediaType.parseMediaType(type))
                .contentLength(Files.size(file))
                .body(new FileSystemResource(file));
    }
}
