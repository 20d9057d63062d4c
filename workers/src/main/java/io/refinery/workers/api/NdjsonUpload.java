package io.refinery.workers.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Sends records to an NDJSON endpoint in bounded batches, so memory stays flat however large the stream. One batch
 * is in flight while the next is filled (at most two batches in memory); batches reach the engine in order, each
 * only after the one before it was answered. The engine stores each record keyed by its origin, so a batch sent
 * twice is harmless; a failed batch fails the next {@link #add}, {@link #flush} or {@link #close}.
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
    private CompletableFuture<JsonNode> inFlight;
    private int inFlightRecords;

    NdjsonUpload(EngineApi api, String path, int batch) {
        this.api = api;
        this.path = path;
        this.batch = batch;
    }

    public void add(Object record) throws IOException {
        buffer.write(api.line(record));
        pending++;
        if (pending >= batch || buffer.size() >= MAX_BATCH_BYTES) {
            send();
        }
    }

    /** Sends what is buffered and waits until the engine has stored everything sent so far. */
    public void flush() throws IOException {
        send();
        await();
    }

    /** Waits for the batch in flight, then starts sending the buffered records without waiting for them. */
    private void send() throws IOException {
        await();
        if (pending == 0) {
            return;
        }
        inFlight = api.postNdjsonAsync(path, buffer.toByteArray());
        inFlightRecords = pending;
        pending = 0;
        buffer.reset();
    }

    private void await() throws IOException {
        if (inFlight == null) {
            return;
        }
        try {
            lastResponse = inFlight.get();
            sent += inFlightRecords;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while posting to " + path, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException("POST " + path + ": " + cause, cause);
        } finally {
            inFlight = null;
            inFlightRecords = 0;
        }
    }

    /** Records the engine has acknowledged. */
    public long sent() {
        return sent;
    }

    /** The engine's answer to the last acknowledged batch (e.g. {@code {"received":..,"inserted":..}}), or null. */
    public JsonNode lastResponse() {
        return lastResponse;
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
