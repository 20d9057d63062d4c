package io.refinery.workers.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refinery.workers.formats.DataItem;
import io.refinery.workers.formats.ExportFormat;
import io.refinery.workers.formats.ItemSink;
import io.refinery.workers.formats.YoloFormat;
import io.refinery.workflows.rows.CollectStats;
import io.refinery.workflows.rows.LineDecoder;
import io.refinery.workflows.rows.QuarantineReason;
import io.refinery.workflows.rows.RowRules;
import io.refinery.workflows.rows.RowSink;
import io.refinery.workflows.rows.RowValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Collects sources in the dataset formats a release writes (Parquet, COCO or Alpaca {@code .json}, VOC
 * {@code .xml}, YOLO or VOC {@code .zip}, or a YOLO folder) as rows: {@code id}, the text field ({@code text}, or
 * {@code image} for image rows), {@code label}, {@code annotation}, {@code split} and the record's other fields.
 * A record without id gets {@code <source>#<record>}. Each row passes the same {@link RowValidator} as JSONL and
 * CSV rows; every rejected record is quarantined with its file, record number and reason (naming the field).
 */
final class FormatSource {

    private final RowRules rules;

    FormatSource(RowRules rules) {
        this.rules = rules;
    }

    /** Whether {@code name} is read here rather than by the line readers. */
    static boolean handles(String name) {
        return ExportFormat.importKind(name).isPresent();
    }

    CollectStats read(String source, InputStream in, RowSink sink) throws IOException {
        return read(source, source, in, sink);
    }

    /** Reads {@code in} in the format of {@code formatName}'s extension; its rows are of source {@code source}. */
    CollectStats read(String source, String formatName, InputStream in, RowSink sink) throws IOException {
        Adapter adapter = new Adapter(sink);
        ExportFormat.read(formatName, in, source.equals(formatName) ? adapter : new ItemSink() {
            @Override
            public void item(String ignored, long record, DataItem item) {
                adapter.item(source, record, item);
            }

            @Override
            public void rejected(String ignored, long record, String reason, String raw) {
                adapter.rejected(source, record, reason, raw);
            }
        });
        return adapter.counter.snapshot();
    }

    CollectStats readYoloFolder(String source, Path dir, RowSink sink) throws IOException {
        Adapter adapter = new Adapter(sink);
        YoloFormat.readFolder(source, dir, adapter);
        return adapter.counter.snapshot();
    }

    private final class Adapter implements ItemSink {
        final RowSink sink;
        final CollectStats.Counter counter = new CollectStats.Counter();
        final RowValidator validator = new RowValidator(rules);

        Adapter(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void item(String source, long record, DataItem item) {
            ObjectNode row = row(source, record, item);
            QuarantineReason reason = validator.check(row);
            if (reason != null) {
                quarantine(source, record, reason, LineDecoder.truncate(row.toString()));
            } else {
                counter.accepted();
                sink.accepted(source, record, row);
            }
        }

        @Override
        public void rejected(String source, long record, String reason, String raw) {
            quarantine(source, record, new QuarantineReason(QuarantineReason.INVALID_RECORD, reason), raw);
        }

        private void quarantine(String source, long record, QuarantineReason reason, String raw) {
            counter.quarantined(reason);
            sink.quarantined(source, record, reason.message(), raw);
        }
    }

    private ObjectNode row(String source, long record, DataItem item) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        if (item.meta() != null && item.meta().isObject()) {
            for (Map.Entry<String, JsonNode> e : item.meta().properties()) {
                row.set(e.getKey(), e.getValue());
            }
        }
        row.put("id", item.id() != null ? item.id() : source + "#" + record);
        row.put(rules.textField(), item.text());
        if (item.label() != null) {
            row.put("label", item.label());
        }
        if (item.annotation() != null) {
            row.set("annotation", item.annotation());
        }
        if (item.split() != null) {
            row.put("split", item.split());
        }
        return row;
    }
}
