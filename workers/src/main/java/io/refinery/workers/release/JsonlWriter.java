package io.refinery.workers.release;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/** Writes one JSON value per line (keys sorted, {@code \n} after each); close it before {@link ReleaseWriter#finish()}. */
public final class JsonlWriter implements Closeable {

    private final OutputStream out;
    private long lines;

    JsonlWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes an {@code ObjectNode}, a record or a map as one line. */
    public void write(Object value) throws IOException {
        out.write(CanonicalJson.line(value));
        out.write('\n');
        lines++;
    }

    public long lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
