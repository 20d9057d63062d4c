package io.refinery.engine.dataset;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.BlobStore;
import io.refinery.workflows.streams.CountingOutputStream;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.RefineryProperties;
import io.refinery.engine.system.Roles;
import io.refinery.engine.system.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * The source files of a dataset version, as managers hand them in: one request ({@link #store}, behind
 * {@code PUT /api/versions/{id}/sources/{name}}) or a chunked, resumable upload session ({@link #start},
 * {@link #append}, {@link #status}, {@link #finish}, {@link #cancel}) for large files over slow links. Both follow
 * the same rules: a file name of letters, digits, '.', '_' and '-' with a known extension; no form encodings (a
 * form-encoded body is not the file); never empty; a name once stored keeps its bytes (the same bytes again are
 * fine, other bytes are a 409). A refused upload leaves nothing behind: no source row, no blob.
 *
 * <p>Sessions live in table {@code source_upload} (they survive a restart); their bytes go to
 * {@code <data-dir>/uploads/<id>.part}, streamed, never held in memory. The SHA-256 is computed while the chunks
 * arrive (after a restart, from the part file at the end). Only managers and admins upload, and only the user who
 * started a session may append to, complete, cancel or look at it. What a stored source holds is {@link SourcePreviews}.
 *
 * <p>Over 300 lines because it is one room: the single request and the session end in the same storing rules.
 */
@Service
public class SourceUploads {

    /** Where a session stands. */
    public enum Status { OPEN, COMPLETED, CANCELLED }

    /** An upload session; {@code sourceId} is set once completed. */
    public record Session(String uploadId, long versionId, String name, long size, String contentType, long received,
                          Status status, Long sourceId, String startedBy, Instant startedAt, Instant updatedAt) {
    }

    /** A stored source and whether this call created it (false: the same bytes were there already). */
    public record Stored(DatasetRepository.SourceRow row, boolean created) {
    }

    private static final String KNOWN_FILES = ".*\\.(jsonl|ndjson|csv|parquet|json|xml|zip)";

    private final DatasetRepository datasets;
    private final SourceUploadRepository sessions;
    private final BlobStore blobs;
    private final RefineryProperties properties;
    /** The running digest of a session's bytes, while this node has seen every one of them. */
    private final Map<String, Digest> digests = new ConcurrentHashMap<>();

    private static final class Digest {
        final MessageDigest sha = Sha256.digest();
        long covered;
    }

    public SourceUploads(DatasetRepository datasets, SourceUploadRepository sessions, BlobStore blobs,
                         RefineryProperties properties) {
        this.datasets = datasets;
        this.sessions = sessions;
        this.blobs = blobs;
        this.properties = properties;
    }

    // ---- the rules of every upload -----------------------------------------------------------------------

    /** Refuses a file name we would not store, naming it. */
    public static void checkName(String name) {
        if (name == null || !name.matches("[\\p{L}\\p{N}._-]{1,200}") || name.startsWith(".")) {
            throw ApiException.badRequest("file name '" + name + "': use letters, digits, '.', '_' or '-' (max 200)");
        }
        if (!Media.isImageName(name) && !name.matches(KNOWN_FILES)) {
            throw ApiException.badRequest("file name '" + name + "': expected a .jsonl, .ndjson or .csv file of rows,"
                    + " a .parquet, COCO or Alpaca .json, Pascal VOC .xml, YOLO or VOC .zip file,"
                    + " or a .png, .jpg, .gif or .webp image that rows name in their 'image' field");
        }
    }

    /**
     * Refuses a form encoding: the body of such a request is form fields (curl's {@code -d} default), not the file;
     * send the bytes with {@code --data-binary @file -H 'Content-Type: application/octet-stream'} instead.
     */
    public static void refuseFormEncoding(String contentType, String name) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
            throw ApiException.badRequest("file '" + name + "': Content-Type " + type.split(";")[0]
                    + " is a form encoding, not the file's bytes; send the raw bytes (e.g. curl --data-binary @" + name
                    + " -H 'Content-Type: application/octet-stream')");
        }
    }

    /**
     * Stores staged bytes as source {@code name} of the version: refuses them when empty (400), when an image's
     * first bytes are not of its type (400), or when the name holds other bytes already (409); the same bytes again
     * answer the existing row. Nothing is kept when refused (the caller closes {@code staged}).
     */
    public Stored store(long versionId, String name, BlobStore.Staged staged, String user) throws IOException {
        checkName(name);
        if (staged.bytes() == 0) {
            throw ApiException.badRequest("file '" + name + "' is empty (0 bytes): nothing was stored; send the"
                    + " file's bytes as the request body");
        }
        if (Media.isImageName(name)) {
            try (InputStream in = Files.newInputStream(staged.file())) {
                byte[] head = new byte[16];
                Media.checkSignature(name, head, in.readNBytes(head, 0, head.length));
            }
        }
        var existing = datasets.source(versionId, name);
        if (existing.isPresent()) {
            return sameBytes(existing.get(), staged);
        }
        blobs.keep(staged);
        try {
            datasets.insertSource(versionId, name, staged.sha256(), staged.bytes(), user);
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            return sameBytes(datasets.source(versionId, name).orElseThrow(), staged); // a concurrent upload won
        }
        return new Stored(datasets.source(versionId, name).orElseThrow(), true);
    }

    private static Stored sameBytes(DatasetRepository.SourceRow existing, BlobStore.Staged staged) {
        if (!existing.sha256().equals(staged.sha256())) {
            throw ApiException.conflict("source '" + existing.name() + "' already exists in version "
                    + existing.versionId() + " with other content; upload it under another name");
        }
        return new Stored(existing, false);
    }

    // ---- chunked, resumable sessions -----------------------------------------------------------------------

    /** Opens a session for {@code size} bytes of file {@code name}; nothing is stored until {@link #finish}. */
    public Session start(long versionId, String name, long size, String contentType, CurrentUser user) {
        requireUploader(user);
        datasets.version(versionId).orElseThrow(() -> ApiException.notFound("version " + versionId));
        checkName(name);
        refuseFormEncoding(contentType, name);
        if (size <= 0) {
            throw ApiException.badRequest("file '" + name + "': size must be at least 1 byte (an empty file is not a source)");
        }
        if (size > properties.uploadMaxBytes()) {
            throw new ApiException(org.springframework.http.HttpStatus.PAYLOAD_TOO_LARGE, "file '" + name + "': "
                    + size + " bytes is more than the upload limit of " + properties.uploadMaxBytes() + " bytes");
        }
        String id = UUID.randomUUID().toString();
        sessions.insert(id, versionId, name, size, contentType == null ? null : truncate(contentType, 200), user.id());
        return sessions.find(id).orElseThrow();
    }

    /**
     * Appends a chunk at {@code offset}, which must be the number of bytes received so far (409 naming it
     * otherwise: ask {@link #status} and go on from there). The chunk is streamed to the part file; bytes past the
     * declared size are refused (400) and not kept. When the client goes away mid-chunk, what arrived is kept.
     */
    public Session append(String uploadId, long offset, InputStream chunk, CurrentUser user) throws IOException {
        Digest digest;
        synchronized (lock(uploadId)) {
            Session session = open(uploadId, user);
            if (offset != session.received()) {
                throw ApiException.conflict("upload " + uploadId + ": expected offset " + session.received()
                        + " (the bytes received so far), got " + offset);
            }
            digest = digests.compute(uploadId, (k, d) -> d != null && d.covered == offset ? d
                    : offset == 0 ? new Digest() : null);
            Path part = partFile(uploadId);
            Files.createDirectories(part.getParent());
            long written;
            IOException broken = null;
            try (FileChannel file = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                file.truncate(offset); // bytes of an earlier chunk that was cut off and not counted
                file.position(offset);
                CountingOutputStream out = new CountingOutputStream(Channels.newOutputStream(file),
                        session.size() - offset, digest == null ? null : digest.sha);
                try {
                    out.copyFrom(chunk);
                } catch (CountingOutputStream.LimitExceeded e) {
                    file.truncate(offset);
                    digests.remove(uploadId);
                    throw ApiException.badRequest("upload " + uploadId + " of '" + session.name() + "': the chunk"
                            + " goes past the declared size of " + session.size() + " bytes; nothing of it was kept");
                } catch (IOException e) {
                    broken = e; // the client went away: keep what arrived, the next chunk starts after it
                }
                written = out.count();
                file.force(false);
            }
            if (digest != null) {
                digest.covered = offset + written;
            }
            if (!sessions.received(uploadId, offset, offset + written)) {
                throw ApiException.conflict("upload " + uploadId + " changed while this chunk was written; ask its status");
            }
            if (broken != null) {
                throw broken;
            }
        }
        return sessions.find(uploadId).orElseThrow();
    }

    /** The session as it stands. */
    public Session status(String uploadId, CurrentUser user) {
        return owned(uploadId, user);
    }

    /**
     * Completes the session: every declared byte must have arrived (409 naming how many did); the bytes become
     * source {@code name} of the version under the rules of {@link #store}. Completing twice answers the same row.
     */
    public DatasetRepository.SourceRow finish(String uploadId, CurrentUser user) throws IOException {
        synchronized (lock(uploadId)) {
            Session session = owned(uploadId, user);
            if (session.status() == Status.COMPLETED) {
                return datasets.source(session.sourceId()).orElseThrow();
            }
            if (session.status() == Status.CANCELLED) {
                throw ApiException.conflict("upload " + uploadId + " was cancelled");
            }
            if (session.received() != session.size()) {
                throw ApiException.conflict("upload " + uploadId + " of '" + session.name() + "': received "
                        + session.received() + " of " + session.size() + " bytes; send the rest from offset "
                        + session.received());
            }
            Path part = partFile(uploadId);
            Digest digest = digests.get(uploadId);
            String sha = digest != null && digest.covered == session.size()
                    ? HexFormat.of().formatHex(digest.sha.digest()) : Sha256.of(part);
            digests.remove(uploadId);
            try (BlobStore.Staged staged = new BlobStore.Staged(part, sha, session.size())) {
                Stored stored = store(session.versionId(), session.name(), staged, session.startedBy());
                sessions.close(uploadId, Status.COMPLETED, stored.row().id());
                return stored.row();
            } catch (ApiException refused) {
                // the file breaks a rule that no retry changes (other bytes under a used name, not an image):
                // the session ends here, its bytes are gone, nothing was stored
                sessions.close(uploadId, Status.CANCELLED, null);
                throw new ApiException(refused.status(), refused.getMessage() + " (upload " + uploadId + " is cancelled)");
            }
        }
    }

    /** Cancels an open session and deletes its bytes; a completed one stays as it is (409). */
    public void cancel(String uploadId, CurrentUser user) throws IOException {
        synchronized (lock(uploadId)) {
            Session session = owned(uploadId, user);
            if (session.status() == Status.COMPLETED) {
                throw ApiException.conflict("upload " + uploadId + " is completed: source " + session.sourceId());
            }
            sessions.close(uploadId, Status.CANCELLED, null);
            digests.remove(uploadId);
            Files.deleteIfExists(partFile(uploadId));
        }
    }

    // ---- the version's sources -------------------------------------------------------------------------------

    /** The sources of a version as they stand (name, bytes, SHA-256, who, when), by name. */
    public List<DatasetRepository.SourceRow> sources(long versionId) {
        datasets.version(versionId).orElseThrow(() -> ApiException.notFound("version " + versionId));
        return datasets.sources(versionId);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static void requireUploader(CurrentUser user) {
        if (!user.hasRole(Roles.MANAGER) && !user.hasRole(Roles.ADMIN)) {
            throw ApiException.forbidden("only managers and admins upload sources");
        }
    }

    private Session owned(String uploadId, CurrentUser user) {
        requireUploader(user);
        Session session = sessions.find(uploadId).orElseThrow(() -> ApiException.notFound("upload " + uploadId));
        if (!session.startedBy().equals(user.id())) {
            throw ApiException.forbidden("upload " + uploadId + " belongs to " + session.startedBy()
                    + "; only who started it may use it");
        }
        return session;
    }

    private Session open(String uploadId, CurrentUser user) {
        Session session = owned(uploadId, user);
        if (session.status() != Status.OPEN) {
            throw ApiException.conflict("upload " + uploadId + " is " + session.status().name().toLowerCase(Locale.ROOT));
        }
        return session;
    }

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private Object lock(String uploadId) {
        return locks.computeIfAbsent(uploadId, k -> new Object());
    }

    private Path partFile(String uploadId) {
        if (!uploadId.matches("[0-9a-f-]{36}")) {
            throw ApiException.notFound("upload " + uploadId);
        }
        return properties.dataDir().resolve("uploads").resolve(uploadId + ".part");
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
