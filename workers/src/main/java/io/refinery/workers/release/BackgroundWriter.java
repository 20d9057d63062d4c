package io.refinery.workers.release;

import io.refinery.workers.formats.DataItem;
import io.refinery.workers.formats.ItemWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs an {@link ItemWriter} on its own thread, fed in batches through a small bounded queue (at most
 * {@code 4 × 1024} items wait), so the formats of a release are encoded and hashed in parallel while the items
 * arrive in order. A failure of the writer is thrown by the next {@link #write} or by {@link #close}.
 */
final class BackgroundWriter implements ItemWriter {

    private static final int BATCH = 1024;
    private static final List<DataItem> END = List.of();

    private final ItemWriter target;
    private final BlockingQueue<List<DataItem>> queue = new ArrayBlockingQueue<>(4);
    private final Thread thread;
    private volatile Throwable failure;
    private List<DataItem> batch = new ArrayList<>(BATCH);

    BackgroundWriter(ItemWriter target, String name) {
        this.target = target;
        this.thread = new Thread(this::run, "release-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            while (true) {
                List<DataItem> items = queue.take();
                if (items == END) {
                    break;
                }
                for (DataItem item : items) {
                    target.write(item);
                }
            }
            target.close();
        } catch (Throwable e) {
            failure = e;
            queue.clear();
        }
    }

    @Override
    public void write(DataItem item) throws IOException {
        batch.add(item);
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    private void put(List<DataItem> items) throws IOException {
        try {
            while (failure == null && !queue.offer(items, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing a release file");
        }
        rethrow();
    }

    private void rethrow() throws IOException {
        Throwable f = failure;
        if (f instanceof IOException io) {
            throw new IOException(io.getMessage(), io);
        }
        if (f instanceof RuntimeException | f instanceof Error) {
            throw new IOException("writing a release file failed: " + f, f);
        }
    }

    @Override
    public void close() throws IOException {
        if (!batch.isEmpty()) {
            put(batch);
            batch = new ArrayList<>(0);
        }
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing a release file");
        }
        rethrow();
    }
}
