package io.refinery.engine.system;

import io.refinery.workflows.streams.CountingOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Content-addressed file store: {@code <dir>/<sha[0..2]>/<sha>}. Writing the same bytes twice stores them once. */
public class BlobStore {

    /** What was stored. */
    public record Blob(String sha256, long bytes) {
    }

    private final Path dir;

    public BlobStore(Path dir) {
        this.dir = dir;
    }

    /**
     * Bytes written to a part file beside the store, hashed while they arrived, not yet in the store: the caller
     * decides to {@link #keep} them (or not) once it knows what they are; closing deletes whatever was not kept.
     */
    public record Staged(Path file, String sha256, long bytes) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /** Streams {@code in} to the store; fails with 413 when more than {@code maxBytes} arrive. */
    public Blob put(InputStream in, long maxBytes) throws IOException {
        try (Staged staged = stage(in, maxBytes)) {
            return keep(staged);
        }
    }

    /** Streams {@code in} to a part file, hashing it; fails with 413 (and keeps nothing) past {@code maxBytes}. */
    public Staged stage(InputStream in, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "upload-", ".part");
        boolean done = false;
        try {
            MessageDigest sha = Sha256.digest();
            long total;
            try (CountingOutputStream out = new CountingOutputStream(Files.newOutputStream(tmp), maxBytes, sha)) {
                total = out.copyFrom(in);
            } catch (CountingOutputStream.LimitExceeded e) {
                throw new ApiException(org.springframework.http.HttpStatus.PAYLOAD_TOO_LARGE,
                        "upload larger than the limit of " + maxBytes + " bytes");
            }
            done = true;
            return new Staged(tmp, HexFormat.of().formatHex(sha.digest()), total);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Moves staged bytes into the store under their hash (once: the same bytes kept twice are stored once). */
    public Blob keep(Staged staged) throws IOException {
        return adopt(staged.file(), staged.sha256(), staged.bytes());
    }

    /**
     * Moves {@code file}, whose SHA-256 the caller computed while writing it, into the store; when the store holds
     * these bytes already the file is deleted. The file must be on the store's file system (under the data dir).
     */
    public Blob adopt(Path file, String sha256, long bytes) throws IOException {
        Path target = path(sha256);
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.deleteIfExists(file);
        } else {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return new Blob(sha256, bytes);
    }

    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    public Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return dir.resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
