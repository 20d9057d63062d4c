package io.refinery.engine.dataset;

import io.refinery.engine.system.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
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

/** Chunked, resumable uploads of source files over HTTP ({@link SourceUploads}); managers and admins. */
@RestController
@RequestMapping("/api")
class SourceUploadController {

    /** What {@code POST /api/versions/{id}/uploads} takes. */
    record StartRequest(String name, long size, String contentType) {
    }

    private final SourceUploads uploads;
    private final SourcePreviews previews;

    SourceUploadController(SourceUploads uploads, SourcePreviews previews) {
        this.uploads = uploads;
        this.previews = previews;
    }

    @PostMapping("/versions/{versionId}/uploads")
    @PreAuthorize(DatasetController.MANAGERS)
    ResponseEntity<Map<String, Object>> start(@PathVariable long versionId, @RequestBody StartRequest body) {
        SourceUploads.Session session = uploads.start(versionId, body.name(), body.size(), body.contentType(),
                CurrentUser.get());
        return ResponseEntity.status(HttpStatus.CREATED).body(answer(session));
    }

    /** The raw bytes of one chunk at {@code offset} (any content type except the form encodings). */
    @PutMapping(path = "/uploads/{uploadId}", consumes = MediaType.ALL_VALUE)
    @PreAuthorize(DatasetController.MANAGERS)
    Map<String, Object> append(@PathVariable String uploadId, @RequestParam long offset, HttpServletRequest request)
            throws IOException {
        CurrentUser user = CurrentUser.get();
        SourceUploads.refuseFormEncoding(request.getContentType(), uploads.status(uploadId, user).name());
        try (InputStream in = request.getInputStream()) {
            return answer(uploads.append(uploadId, offset, in, user));
        }
    }

    @GetMapping("/uploads/{uploadId}")
    @PreAuthorize(DatasetController.MANAGERS)
    Map<String, Object> status(@PathVariable String uploadId) {
        return answer(uploads.status(uploadId, CurrentUser.get()));
    }

    @PostMapping("/uploads/{uploadId}/complete")
    @PreAuthorize(DatasetController.MANAGERS)
    DatasetRepository.SourceRow complete(@PathVariable String uploadId) throws IOException {
        return uploads.finish(uploadId, CurrentUser.get());
    }

    @DeleteMapping("/uploads/{uploadId}")
    @PreAuthorize(DatasetController.MANAGERS)
    ResponseEntity<Void> cancel(@PathVariable String uploadId) throws IOException {
        uploads.cancel(uploadId, CurrentUser.get());
        return ResponseEntity.noContent().build();
    }

    /** The first rows of an uploaded source and the rows collect would quarantine ({@link SourcePreviews#preview}). */
    @GetMapping("/versions/{versionId}/sources/{sourceId}/preview")
    @PreAuthorize(DatasetController.MANAGERS)
    SourcePreviews.SourcePreview preview(@PathVariable long versionId, @PathVariable long sourceId,
                                        @RequestParam(defaultValue = "20") int rows) throws IOException {
        return previews.preview(versionId, sourceId, rows);
    }

    private static Map<String, Object> answer(SourceUploads.Session s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uploadId", s.uploadId());
        body.put("versionId", s.versionId());
        body.put("name", s.name());
        body.put("size", s.size());
        body.put("received", s.received());
        body.put("status", s.status().name().toLowerCase(java.util.Locale.ROOT));
        body.put("sourceId", s.sourceId());
        return body;
    }
}
