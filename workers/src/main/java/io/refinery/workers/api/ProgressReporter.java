package io.refinery.workers.api;

import io.refinery.workflows.api.WorkerApi;
import io.refinery.workflows.streams.CountingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the engine how far a running step is ({@link WorkerApi#PROGRESS}): rows handled, done of total (bytes of the
 * sources read, or rows), the rate since the last report and the time left at that rate, at most once per
 * {@code interval} and once more when the step ends. A report that cannot be sent is logged and dropped: progress
 * never fails a step. Meant for the step's reading thread (one thread counts).
 */
public final class ProgressReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
    private static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;

    private final EngineApi api;
    private final String path;
    private final String unit;
    private long total;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long rows;
    private long doneBefore;
    private CountingInputStream current;
    private final long startAt;
    private long lastAt;
    private long lastDone;
    private long lastRows;
    private boolean closed;

    /**
     * @param unit  {@code bytes} (count what is read through {@link #track}) or {@code rows} (done = rows)
     * @param total units of the whole step, 0 when not known (then no time left is given)
     */
    public ProgressReporter(EngineApi api, long versionId, String step, String unit, long total) {
        this(api, versionId, step, unit, total, DEFAULT_INTERVAL_NANOS, System::nanoTime);
    }

    ProgressReporter(EngineApi api, long versionId, String step, String unit, long total, long intervalNanos,
                     LongSupplier nanoTime) {
        this.api = api;
        this.path = WorkerApi.progress(versionId, step);
        this.unit = unit;
        this.total = Math.max(0, total);
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
        this.startAt = nanoTime.getAsLong();
        this.lastAt = startAt;
        send(true, 0, 0, null);
    }

    /** The units of the whole step, once known (0: not known). */
    public void total(long total) {
        this.total = Math.max(0, total);
    }

    /** {@code in}, counted: its bytes are what is done (unit bytes); the stream before it counts as read in full. */
    public CountingInputStream track(InputStream in) {
        if (current != null) {
            doneBefore += current.count();
        }
        current = new CountingInputStream(in);
        return current;
    }

    /** One more row handled; reports when the interval has passed (time is looked at every 256 rows). */
    public void row() {
        rows++;
        if ((rows & 255) == 0) {
            long now = nanoTime.getAsLong();
            if (now - lastAt >= intervalNanos) {
                report(now, true);
            }
        }
    }

    public long rows() {
        return rows;
    }

    private long done() {
        if ("rows".equals(unit)) {
            return rows;
        }
        return doneBefore + (current == null ? 0 : current.count());
    }

    private void report(long now, boolean running) {
        long done = done();
        double seconds = Math.max(1e-9, (now - lastAt) / 1e9);
        double rowsPerSecond = (rows - lastRows) / seconds;
        double unitsPerSecond = (done - lastDone) / seconds;
        Long secondsLeft = null;
        if (!running) {
            secondsLeft = 0L;
        } else if (total > 0 && unitsPerSecond > 0) {
            secondsLeft = (long) Math.ceil(Math.max(0, total - done) / unitsPerSecond);
        }
        lastAt = now;
        lastDone = done;
        lastRows = rows;
        send(running, done, rowsPerSecond, secondsLeft);
    }

    private void send(boolean running, long done, double rowsPerSecond, Long secondsLeft) {
        try {
            api.putJson(path, new WorkerApi.Progress(rows, done, total, unit, Math.round(rowsPerSecond * 10) / 10.0,
                    secondsLeft, running));
        } catch (IOException | RuntimeException e) {
            LOG.warn("progress report to {} not sent: {}", path, e.toString());
        }
    }

    /** The last report: the step has ended (ended well or not, it no longer runs); its rate is the whole step's. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lastAt = startAt;
            lastRows = 0;
            lastDone = 0;
            report(nanoTime.getAsLong(), false);
        }
    }
}
