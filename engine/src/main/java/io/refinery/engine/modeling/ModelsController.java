package io.refinery.engine.modeling;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;
import org.springframework.http.ContentDisposition;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The designer's REST API over {@link ProcessModels}, {@link ModelDrafts} and {@link DeployedModels}, for managers
 * and admins (403 for everybody else; the service checks the role again). Files are uploaded as multipart (part
 * {@code file}, one or more) or as a raw XML body with {@code ?name=}; spring's multipart support stays off (Vaadin's upload needs it off), so parts are streamed here and
 * never buffered beyond the size limit.
 */
@RestController
@RequestMapping("/api/models")
@PreAuthorize(ModelsController.MODELERS)
class ModelsController {
    static final String MODELERS = "hasAnyRole('MANAGER','ADMIN')";
    private static final int MAX_FILES = 50;

    record DraftRequest(String name, ModelKind kind, String xml) {
    }

    record FileRequest(String fileName, String xml) {
    }

    record ValidateRequest(List<FileRequest> files) {
    }

    record DeployRequest(String name, List<FileRequest> files) {
    }

    record StartRequest(Map<String, Object> variables) {
    }

    record Started(String processInstanceId) {
    }

    private final ProcessModels models;
    private final ModelDrafts drafts;
    private final DeployedModels deployed;
    private final ProcessCounts counts;

    ModelsController(ProcessModels models, ModelDrafts drafts, DeployedModels deployed, ProcessCounts counts) {
        this.models = models;
        this.drafts = drafts;
        this.deployed = deployed;
        this.counts = counts;
    }

    // ---- files

    @PostMapping(path = "/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    List<ModelFile> upload(HttpServletRequest request) throws IOException {
        List<ModelFile> files = new ArrayList<>();
        try {
            FileUpload upload = new FileUpload();
            upload.setFileCountMax(MAX_FILES);
            FileItemIterator parts = upload.getItemIterator(new ServletRequestContext(request));
            while (parts.hasNext()) {
                FileItemStream part = parts.next();
                if (part.isFormField()) {
                    continue;
                }
                try (InputStream in = part.openStream()) {
                    files.add(models.read(part.getName(), in));
                }
            }
        } catch (FileUploadException e) {
            throw ApiException.badRequest("unreadable multipart upload: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw ApiException.badRequest("no file in the upload: send one or more parts named 'file'");
        }
        return files;
    }

    @PostMapping(path = "/files", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE, "application/bpmn+xml", "application/dmn+xml"})
    List<ModelFile> uploadRaw(@RequestParam String name, HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return List.of(models.read(name, in));
        }
    }

    // ---- drafts

    @GetMapping("/drafts")
    List<DraftSummary> drafts() {
        return drafts.drafts();
    }

    @PostMapping("/drafts")
    @ResponseStatus(HttpStatus.CREATED)
    Draft createDraft(@RequestBody DraftRequest draft) {
        return drafts.saveDraft(null, draft.name(), draft.kind(), draft.xml(), CurrentUser.get());
    }

    @GetMapping("/drafts/{id}")
    Draft draft(@PathVariable String id) {
        return drafts.draft(id);
    }

    @PutMapping("/drafts/{id}")
    Draft saveDraft(@PathVariable String id, @RequestBody DraftRequest draft) {
        return drafts.saveDraft(id, draft.name(), draft.kind(), draft.xml(), CurrentUser.get());
    }

    @DeleteMapping("/drafts/{id}")
    ResponseEntity<Void> deleteDraft(@PathVariable String id) {
        drafts.deleteDraft(id, CurrentUser.get());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/drafts/{id}/export")
    ResponseEntity<byte[]> exportDraft(@PathVariable String id) {
        Draft draft = drafts.draft(id);
        return download(draft.name(), draft.kind(), draft.xml());
    }

    // ---- validate, deploy

    @PostMapping("/validate")
    Validation validate(@RequestBody ValidateRequest request) {
        return models.validate(files(request.files()), CurrentUser.get());
    }

    @PostMapping("/deployments")
    @ResponseStatus(HttpStatus.CREATED)
    Deployment deploy(@RequestBody DeployRequest request) {
        return models.deploy(request.name(), files(request.files()), CurrentUser.get());
    }

    // ---- versions

    @GetMapping("/versions")
    List<DeployedDefinition> versions(@RequestParam(required = false) String key) {
        return deployed.versions(key == null || key.isBlank() ? null : key);
    }

    @GetMapping(path = "/definitions/{definitionId}/xml", produces = MediaType.APPLICATION_XML_VALUE)
    String definitionXml(@PathVariable String definitionId) {
        return deployed.definitionXml(definitionId);
    }

    /** Every deployed process version with whether a demand may name it (the dataset-process contract), and why not. */
    @GetMapping("/processes")
    List<ProcessChoice> processes() {
        return deployed.processChoices();
    }

    @GetMapping("/definitions/{definitionId}/contract")
    ContractReport contract(@PathVariable String definitionId) {
        return deployed.contractOf(definitionId);
    }

    /** The runs of a deployed process version per element: running, finished, canceled, incidents. */
    @GetMapping("/definitions/{definitionId}/counts")
    List<ProcessCounts.ActivityCount> counts(@PathVariable String definitionId) {
        return counts.of(definitionId);
    }

    @GetMapping("/definitions/{definitionId}/export")
    ResponseEntity<byte[]> exportDefinition(@PathVariable String definitionId) {
        DeployedDefinition definition = deployed.versions(null).stream()
                .filter(d -> d.definitionId().equals(definitionId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("definition " + definitionId));
        return download(definition.key() + "-v" + definition.version(), definition.kind(),
                deployed.definitionXml(definitionId));
    }

    @PostMapping("/definitions/{definitionId}/instances")
    @ResponseStatus(HttpStatus.CREATED)
    Started start(@PathVariable String definitionId, @RequestBody(required = false) StartRequest request) {
        return new Started(models.startTestInstance(definitionId, request == null ? null : request.variables(),
                CurrentUser.get()));
    }

    // ---- templates

    @GetMapping("/templates")
    List<String> templates() {
        return models.templateNames();
    }

    @GetMapping(path = "/templates/{name}", produces = MediaType.APPLICATION_XML_VALUE)
    String template(@PathVariable String name) {
        return models.templateXml(name);
    }

    @GetMapping(path = "/element-templates", produces = MediaType.APPLICATION_JSON_VALUE)
    String elementTemplates() {
        return models.elementTemplates();
    }

    private static List<ModelFile> files(List<FileRequest> files) {
        if (files == null || files.isEmpty()) {
            throw ApiException.badRequest("no files: send {\"files\":[{\"fileName\":\"x.bpmn\",\"xml\":\"...\"}]}");
        }
        // the kind is decided by the service's safe reader, not by the client
        return files.stream().map(f -> new ModelFile(f.fileName(), null, f.xml())).toList();
    }

    private static ResponseEntity<byte[]> download(String baseName, ModelKind kind, String xml) {
        String fileName = baseName.replaceAll("[^\\p{L}\\p{N}._-]+", "_") + kind.extension();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.APPLICATION_XML)
                .body(xml.getBytes(StandardCharsets.UTF_8));
    }
}
