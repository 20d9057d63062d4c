package io.refinery.engine.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
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

    /** Streams {@code in} to the store; fails with 413 when more than {@code maxBytes} arrive. */
    public Blob put(InputStream in, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "upload-", ".part");
        try {
            MessageDigest sha = Sha256.digest();
            long total = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new ApiException(org.springframework.http.HttpStatus.PAYLOAD_TOO_LARGE,
                                "upload larger than the limit of " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            Path target = path(hash);
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return new Blob(hash, total);
        } finally {
            Files.deleteIfExists(tmp);
        }
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
