package io.refinery.workflows.rows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RowSink} that keeps the first rows of a read and the first rejections (source, line, reason, raw), and
 * counts them all: what a preview of a source shows, and what tests assert on ({@link #all()}).
 */
public final class RowSample implements RowSink {

    /** An accepted row. */
    public record Row(String source, long line, ObjectNode row) {
    }

    /** A quarantined row. */
    public record Rejected(String source, long line, String reason, String raw) {
    }

    private final int maxRows;
    private final int maxRejected;
    private final List<Row> rows = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private long accepted;
    private long quarantined;

    /** Keeps at most {@code maxRows} rows and {@code maxRejected} rejections; counts every one. */
    public RowSample(int maxRows, int maxRejected) {
        this.maxRows = Math.max(0, maxRows);
        this.maxRejected = Math.max(0, maxRejected);
    }

    /** Keeps everything. */
    public static RowSample all() {
        return new RowSample(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    @Override
    public void accepted(String source, long line, ObjectNode row) {
        accepted++;
        if (rows.size() < maxRows) {
            rows.add(new Row(source, line, row));
        }
    }

    @Override
    public void quarantined(String source, long line, String reason, String raw) {
        quarantined++;
        if (rejected.size() < maxRejected) {
            rejected.add(new Rejected(source, line, reason, raw));
        }
    }

    /** The kept rows, in source order. */
    public List<Row> rows() {
        return rows;
    }

    /** The kept rejections, in source order. */
    public List<Rejected> rejected() {
        return rejected;
    }

    /** {@code <line>: <reason>} of each kept rejection. */
    public List<String> reasons() {
        return rejected.stream().map(q -> q.line() + ": " + q.reason()).toList();
    }

    public long acceptedCount() {
        return accepted;
    }

    public long quarantinedCount() {
        return quarantined;
    }
}
