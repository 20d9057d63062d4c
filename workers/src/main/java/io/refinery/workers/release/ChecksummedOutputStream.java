package io.refinery.workers.release;

import io.refinery.workflows.streams.CountingOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/** Writes a release file while computing its size and SHA-256; reports its {@link ManifestFile} when closed. */
final class ChecksummedOutputStream extends OutputStream {

    private final String path;
    private final MessageDigest sha = sha256();
    private final CountingOutputStream out;
    private final Consumer<ManifestFile> onClose;
    private boolean closed;

    ChecksummedOutputStream(Path file, String path, Consumer<ManifestFile> onClose) throws IOException {
        this.path = path;
        this.onClose = onClose;
        // buffer in front of the digest: it hashes 64 KiB blocks, not every small write
        this.out = new CountingOutputStream(new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(file,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), sha), 64 * 1024));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.close();
        onClose.accept(new ManifestFile(path, out.count(), HexFormat.of().formatHex(sha.digest())));
    }
}
