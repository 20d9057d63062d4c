package io.refinery.designer.sources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.ElementRequestHandler;
import io.refinery.engine.dataset.DatasetRepository;
import io.refinery.engine.dataset.SourcePreviews;
import io.refinery.engine.dataset.SourceUploads;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server end of {@code <refinery-source-upload>}: one POST per step of a file's upload session, as the signed-in
 * user of the request (the Vaadin session's sign-in), into {@link SourceUploads} for the panel's version. It runs in
 * the request's thread without the session lock, so a chunk in flight never blocks the UI; what a file ended with
 * is kept in {@link #outcome} until the element reports the end and the panel shows it.
 *
 * <p>Steps ({@code ?op=}): {@code start} (key, name, size, type) → {@code {uploadId, received}}; {@code append} (id,
 * offset; body = the chunk) → {@code {received}}; {@code status} (id); {@code finish} (id) → {@code {sourceId,
 * sha256}}; {@code preview} (key); {@code cancel} (id). A refusal answers the engine's status with {@code {error}};
 * when the session is still open and only the offset was wrong (bytes lost on the way), a 409 also carries
 * {@code received}, where the client goes on. Only sessions this panel started are served.
 */
final class ChunkReceiver implements ElementRequestHandler {
    private static final Logger log = LoggerFactory.getLogger(ChunkReceiver.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows shown in a preview. */
    static final int PREVIEW_ROWS = 10;

    /** What the handler answers: HTTP status and JSON body. */
    record Answer(int status, ObjectNode body) {
    }

    /** How a file ended: stored (with its preview once read) or refused with the engine's message. */
    sealed interface Outcome permits Stored, Refused {
    }

    record Stored(String name, DatasetRepository.SourceRow row, SourcePreviews.SourcePreview preview, String problem)
            implements Outcome {
    }

    record Refused(String name, String message) implements Outcome {
    }

    private final transient SourceUploads uploads;
    private final transient SourcePreviews previews;
    private final long versionId;
    /** upload id → the client's key of the file, for the sessions this panel started. */
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    ChunkReceiver(SourceUploads uploads, SourcePreviews previews, long versionId) {
        this.uploads = uploads;
        this.previews = previews;
        this.versionId = versionId;
    }

    @Override
    public String getUrlPostfix() {
        return "upload"; // Vaadin's upload URLs (…/upload) are the framework's own: no Spring CSRF token needed
    }

    @Override
    public void handleRequest(VaadinRequest request, VaadinResponse response, VaadinSession session, Element owner)
            throws IOException {
        Answer answer;
        try (InputStream body = request.getInputStream()) {
            answer = handle(request::getParameter, body, CurrentUser.get());
        } catch (ApiException e) {
            answer = error(e.status().value(), e.getMessage());
        }
        response.setStatus(answer.status());
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            JSON.writeValue(out, answer.body());
        }
    }

    /** One step, with the request's parameters and body, for {@code user}. */
    Answer handle(Function<String, String> params, InputStream body, CurrentUser user) {
        String op = String.valueOf(params.apply("op"));
        String key = params.apply("key");
        try {
            ObjectNode done = switch (op) {
                case "start" -> start(key, params, user);
                case "append" -> append(id(params), number(params, "offset"), body, user);
                case "status" -> status(id(params), user);
                case "finish" -> finish(id(params), user);
                case "preview" -> preview(key);
                case "cancel" -> cancel(id(params), user);
                default -> throw ApiException.badRequest("unknown step '" + op + "'");
            };
            return new Answer(200, done);
        } catch (Resumable e) {
            Answer answer = error(409, e.getMessage());
            answer.body().put("received", e.received);
            return answer;
        } catch (ApiException e) {
            return error(e.status().value(), e.getMessage());
        } catch (IOException e) {
            log.info("upload step {} of version {} broke off: {}", op, versionId, e.toString());
            return error(500, e.getMessage());
        }
    }

    /** How the file with client key {@code key} ended, if it did. */
    Outcome outcome(String key) {
        return key == null ? null : outcomes.get(key);
    }

    private ObjectNode start(String key, Function<String, String> params, CurrentUser user) {
        if (key == null || !key.matches("[a-z0-9-]{1,40}")) {
            throw ApiException.badRequest("key: letters, digits and '-' (max 40)");
        }
        String name = params.apply("name");
        try {
            SourceUploads.Session session = uploads.start(versionId, name, number(params, "size"),
                    blankToNull(params.apply("type")), user);
            keys.put(session.uploadId(), key);
            names.put(key, session.name());
            return ok().put("uploadId", session.uploadId()).put("received", session.received());
        } catch (ApiException refused) {
            outcomes.put(key, new Refused(name, refused.getMessage()));
            throw refused;
        }
    }

    private ObjectNode append(String id, long offset, InputStream body, CurrentUser user) throws IOException {
        try {
            return received(uploads.append(id, offset, body, user));
        } catch (ApiException refused) {
            throw resumableOrRefused(id, refused, user);
        }
    }

    private ObjectNode status(String id, CurrentUser user) {
        SourceUploads.Session session = uploads.status(id, user);
        return received(session).put("size", session.size()).put("status", session.status().name().toLowerCase(java.util.Locale.ROOT));
    }

    private ObjectNode finish(String id, CurrentUser user) throws IOException {
        try {
            DatasetRepository.SourceRow row = uploads.finish(id, user);
            outcomes.put(keys.get(id), new Stored(row.name(), row, null, null));
            return ok().put("sourceId", row.id()).put("sha256", row.sha256());
        } catch (ApiException refused) {
            throw resumableOrRefused(id, refused, user);
        }
    }

    private ObjectNode preview(String key) throws IOException {
        if (!(outcome(key) instanceof Stored stored)) {
            throw ApiException.notFound("stored file " + key);
        }
        try {
            SourcePreviews.SourcePreview preview = previews.preview(versionId, stored.row().id(), PREVIEW_ROWS);
            outcomes.put(key, new Stored(stored.name(), stored.row(), preview, null));
            return ok().put("accepted", preview.accepted()).put("quarantined", preview.quarantined());
        } catch (ApiException | IOException e) {
            outcomes.put(key, new Stored(stored.name(), stored.row(), null, e.getMessage()));
            throw e;
        }
    }

    private ObjectNode cancel(String id, CurrentUser user) throws IOException {
        uploads.cancel(id, user);
        return ok();
    }

    /**
     * A 409 of a session that is still open is the client's offset being off (bytes lost on the way): it answers
     * with what the server holds and the client goes on from there. Anything else ends the file: kept for the panel.
     */
    private RuntimeException resumableOrRefused(String id, ApiException refused, CurrentUser user) {
        if (refused.status().value() == 409) {
            SourceUploads.Session session = uploads.status(id, user);
            if (session.status() == SourceUploads.Status.OPEN) {
                return new Resumable(refused.getMessage(), session.received());
            }
        }
        String key = keys.get(id);
        outcomes.put(key, new Refused(names.get(key), refused.getMessage()));
        return refused;
    }

    /** A 409 the client resumes from, carrying the bytes received so far. */
    private static final class Resumable extends ApiException {
        final long received;

        Resumable(String message, long received) {
            super(org.springframework.http.HttpStatus.CONFLICT, message);
            this.received = received;
        }
    }

    private String id(Function<String, String> params) {
        String id = params.apply("id");
        if (id == null || !keys.containsKey(id)) {
            throw ApiException.notFound("upload " + id + " of this page");
        }
        return id;
    }

    private static long number(Function<String, String> params, String name) {
        try {
            return Long.parseLong(String.valueOf(params.apply(name)));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": a whole number of bytes, got '" + params.apply(name) + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static ObjectNode ok() {
        return JSON.createObjectNode();
    }

    private static ObjectNode received(SourceUploads.Session session) {
        return ok().put("received", session.received());
    }

    private static Answer error(int status, String message) {
        return new Answer(status, JSON.createObjectNode().put("error", message));
    }
}
