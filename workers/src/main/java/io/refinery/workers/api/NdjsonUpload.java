package io.refinery.workers.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Sends records to an NDJSON endpoint in bounded batches, so memory stays flat however large the stream.
 * The engine stores each record keyed by its origin, so a batch sent twice is harmless.
 */
public final class NdjsonUpload implements AutoCloseable {
    private static final int MAX_BATCH_BYTES = 8 * 1024 * 1024;

    private final EngineApi api;
    private final String path;
    private final int batch;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024 * 1024);
    private int pending;
    private long sent;
    private JsonNode lastResponse;

    NdjsonUpload(EngineApi api, String path, int batch) {
        this.api = api;
        this.path = path;
        this.batch = batch;
    }

    public void add(Object record) throws IOException {
        buffer.write(api.line(record));
        pending++;
        if (pending >= batch || buffer.size() >= MAX_BATCH_BYTES) {
            flush();
        }
    }

    public void flush() throws IOException {
        if (pending == 0) {
            return;
        }
        lastResponse = api.postNdjson(path, buffer.toByteArray());
        sent += pending;
        pending = 0;
        buffer.reset();
    }

    public long sent() {
        return sent;
    }

    /** The engine's answer to the last batch (e.g. {@code {"received":..,"stored":..}}), or null. */
    public JsonNode lastResponse() {
        return lastResponse;
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
