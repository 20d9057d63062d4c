package io.refinery.workers.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs a {@link TextPipeline} over a stream of rows on every core, with the same outcome as one row after the
 * other: rows are gathered in batches; a full batch is {@linkplain TextPipeline#prepare prepared} by a pool (one
 * slice per core) while the caller reads the next batch; then the previous batch is
 * {@linkplain TextPipeline#decide decided} and handed to the output on the caller's thread, in input order. So
 * "first occurrence kept" and every count are as in a sequential run, and at most two batches are held.
 *
 * @param <T> a row as the caller reads it
 */
public final class PipelineBatches<T> implements AutoCloseable {

    /** Receives each row with its outcome, in input order, on the thread that calls {@link #add}/{@link #finish}. */
    public interface Output<T> {
        void accept(T row, ProcessedText processed) throws IOException;
    }

    public static final int DEFAULT_BATCH = 2048;

    private final TextPipeline pipeline;
    private final Function<T, String> text;
    private final ToLongFunction<T> ref;
    private final Output<T> output;
    private final int batchSize;
    private final int slices;
    private final ExecutorService pool;
    private List<T> filling;
    private Batch<T> pending;

    private record Batch<T>(List<T> rows, TextPipeline.Prepared[] prepared, List<Future<?>> slices) {
    }

    /**
     * @param text the text of a row
     * @param ref  what a later near-duplicate of the row reports (e.g. its raw item id)
     */
    public PipelineBatches(TextPipeline pipeline, Function<T, String> text, ToLongFunction<T> ref, Output<T> output) {
        this(pipeline, text, ref, output, DEFAULT_BATCH, Runtime.getRuntime().availableProcessors());
    }

    /** As above, with {@code batchSize} rows per batch and {@code threads} slices (1: prepared on one other thread). */
    public PipelineBatches(TextPipeline pipeline, Function<T, String> text, ToLongFunction<T> ref, Output<T> output,
            int batchSize, int threads) {
        this.pipeline = pipeline;
        this.text = text;
        this.ref = ref;
        this.output = output;
        this.batchSize = batchSize;
        this.slices = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(slices, r -> {
            Thread t = new Thread(r, "process-prepare");
            t.setDaemon(true);
            return t;
        });
        this.filling = new ArrayList<>(batchSize);
    }

    public void add(T row) throws IOException {
        filling.add(row);
        if (filling.size() == batchSize) {
            submit();
        }
    }

    /** Processes what is left; every row has been given to the output when this returns. */
    public void finish() throws IOException {
        if (!filling.isEmpty()) {
            submit();
        }
        drain();
    }

    private void submit() throws IOException {
        List<T> rows = filling;
        filling = new ArrayList<>(batchSize);
        TextPipeline.Prepared[] prepared = new TextPipeline.Prepared[rows.size()];
        List<Future<?>> futures = new ArrayList<>(slices);
        int per = (rows.size() + slices - 1) / slices;
        for (int from = 0; from < rows.size(); from += per) {
            int start = from;
            int end = Math.min(rows.size(), from + per);
            futures.add(pool.submit(() -> {
                for (int i = start; i < end; i++) {
                    prepared[i] = pipeline.prepare(text.apply(rows.get(i)));
                }
            }));
        }
        drain();
        pending = new Batch<>(rows, prepared, futures);
    }

    private void drain() throws IOException {
        Batch<T> batch = pending;
        if (batch == null) {
            return;
        }
        pending = null;
        for (Future<?> slice : batch.slices()) {
            try {
                slice.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while processing", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        for (int i = 0; i < batch.rows().size(); i++) {
            T row = batch.rows().get(i);
            output.accept(row, pipeline.decide(batch.prepared()[i], ref.applyAsLong(row)));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
