package io.refinery.workers.release;

import io.refinery.workers.formats.DataItem;
import io.refinery.workers.formats.ExportFormat;
import io.refinery.workers.formats.ItemWriter;
import io.refinery.workers.formats.JsonlFormat;
import io.refinery.workers.formats.Picture;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of a release, written in one pass: each item gets its split ({@link SplitAssigner}) and goes to
 * {@code data.jsonl} (every item, with its {@code split}), to {@code train.jsonl}, {@code validation.jsonl} or
 * {@code test.jsonl}, and to every other format that fits the task type ({@code data.csv}, {@code data.parquet},
 * and {@code coco.json}, {@code yolo.zip}, {@code voc.zip} or {@code alpaca.json}).
 */
public final class ReleaseItems implements Closeable {

    public static final List<String> SPLITS = List.of(DataItem.TRAIN, DataItem.VALIDATION, DataItem.TEST);

    private final SplitAssigner splits;
    private final List<ItemWriter> all = new ArrayList<>();
    private final Map<String, OutputStream> bySplit = new LinkedHashMap<>();
    private final OutputStream data;
    private final JsonlFormat.LineEncoder lines = new JsonlFormat.LineEncoder();
    private final List<String> files = new ArrayList<>();
    private long count;

    public ReleaseItems(ReleaseWriter writer, String taskType, List<String> labelSet, Picture.Lookup pictures,
                        SplitAssigner splits) throws IOException {
        this.splits = splits;
        this.data = writer.openFile(ExportFormat.JSONL.fileName());
        files.add(ExportFormat.JSONL.fileName());
        for (ExportFormat format : ExportFormat.forTaskType(taskType)) {
            if (format == ExportFormat.JSONL) {
                continue; // written with the split files by one encoder
            }
            ItemWriter w = format.writer(writer.openFile(format.fileName()), labelSet, pictures);
            // JSONL on the caller's thread; text formats on their own threads; image formats share the picture
            // lookup, which is not thread-safe, so they stay on the caller's thread too
            all.add(format == ExportFormat.CSV || format == ExportFormat.PARQUET
                    ? new BackgroundWriter(w, format.name().toLowerCase(java.util.Locale.ROOT)) : w);
            files.add(format.fileName());
        }
        for (String split : SPLITS) {
            bySplit.put(split, writer.openFile(split + ".jsonl"));
            files.add(split + ".jsonl");
        }
    }

    /** Assigns the item's split and writes it everywhere. */
    public void write(DataItem item) throws IOException {
        DataItem split = item.withSplit(splits.next(SplitAssigner.stratum(item.label(), item.annotation())));
        lines.write(split, data, bySplit.get(split.split()));
        for (ItemWriter w : all) {
            w.write(split);
        }
        count++;
    }

    public long count() {
        return count;
    }

    /** The data files written, e.g. {@code data.jsonl}, {@code data.csv}, ..., {@code test.jsonl}. */
    public List<String> files() {
        return List.copyOf(files);
    }

    /** The summary for the manifest and datasheet. */
    public SplitSummary summary(int train, int validation, int test, long seed) {
        Map<String, Long> items = new LinkedHashMap<>();
        Map<String, Map<String, Long>> classes = new LinkedHashMap<>();
        for (String split : SPLITS) {
            Map<String, Long> c = splits.counts().getOrDefault(split, Map.of());
            items.put(split, c.values().stream().mapToLong(Long::longValue).sum());
            classes.put(split, c);
        }
        return new SplitSummary(SplitSummary.METHOD, seed, Map.of(DataItem.TRAIN, train, DataItem.VALIDATION,
                validation, DataItem.TEST, test), items, classes);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        List<Closeable> writers = new ArrayList<>(all);
        writers.add(data);
        writers.addAll(bySplit.values());
        for (Closeable w : writers) {
            try {
                w.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
