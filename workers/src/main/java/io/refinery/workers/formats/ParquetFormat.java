package io.refinery.workers.formats;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workflows.streams.CountingOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Parquet (Snappy pages, no Hadoop): one row per item with optional UTF-8 string columns {@code id}, {@code text},
 * {@code label}, {@code annotation} (compact JSON), {@code split}, {@code source}, {@code meta} (compact JSON) and
 * an int64 {@code line}. Written to any stream (so the release hashes it while writing); read from a file.
 */
public final class ParquetFormat {

    private static final List<String> STRINGS = List.of("id", "text", "label", "annotation", "split", "source", "meta");

    public static final MessageType SCHEMA = schema();

    private ParquetFormat() {
    }

    private static MessageType schema() {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (String column : STRINGS) {
            b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column);
        }
        b.required(PrimitiveTypeName.INT64).named("line");
        return b.named("item");
    }

    public static ItemWriter writer(OutputStream out) throws IOException {
        ParquetWriter<DataItem> parquet = new Builder(new StreamOutputFile(out))
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withDictionaryEncoding(true)
                .withDictionaryEncoding("id", false) // unique per item: a dictionary only costs
                .withDictionaryEncoding("text", false)
                .build();
        return new ItemWriter() {
            @Override
            public void write(DataItem item) throws IOException {
                parquet.write(item);
            }

            @Override
            public void close() throws IOException {
                parquet.close();
                out.close();
            }
        };
    }

    /** Reads a Parquet file with at least a string column {@code text}; a row without text is rejected. */
    public static void read(String source, Path file, ItemSink sink) throws IOException {
        Stream<Map<String, Object>> rows;
        try {
            rows = ParquetReader.streamContent(file.toFile(), ROW, path -> path[0]);
        } catch (IOException | RuntimeException e) {
            sink.rejected(source, 0, "not a readable Parquet file: " + Raw.firstLine(e.getMessage()), null);
            return;
        }
        long number = 0;
        try (rows) {
            Iterator<Map<String, Object>> it = rows.iterator();
            while (true) {
                Map<String, Object> row;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    row = it.next();
                } catch (RuntimeException e) {
                    sink.rejected(source, number + 1, "unreadable Parquet row: " + Raw.firstLine(e.getMessage())
                            + " (the rest of the file is not read)", null);
                    break;
                }
                number++;
                try {
                    Object text = row.get("text");
                    if (!(text instanceof String t) || t.isEmpty()) {
                        throw new IllegalArgumentException("field \"text\" is missing or not a string");
                    }
                    Object line = row.get("line");
                    sink.item(source, number, new DataItem(string(row, "id"), t, string(row, "label"),
                            json(row, "annotation"), string(row, "split"), string(row, "source"),
                            line instanceof Number n ? n.longValue() : 0, json(row, "meta")));
                } catch (IllegalArgumentException e) {
                    sink.rejected(source, number, e.getMessage(), Raw.cut(row.toString()));
                }
            }
        }
    }

    private static final Hydrator<Map<String, Object>, Map<String, Object>, String> ROW = new Hydrator<>() {
        @Override
        public Map<String, Object> start() {
            return new HashMap<>();
        }

        @Override
        public Map<String, Object> add(Map<String, Object> target, String heading, Object value) {
            target.put(heading, value);
            return target;
        }

        @Override
        public Map<String, Object> finish(Map<String, Object> target) {
            return target;
        }
    };

    private static String string(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("field \"" + column + "\" is not a string");
    }

    private static JsonNode json(Map<String, Object> row, String column) {
        return ItemJson.parseCell(column, string(row, column));
    }

    private static final class Builder extends ParquetWriter.Builder<DataItem, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<DataItem> getWriteSupport(Configuration conf) {
            return new ItemWriteSupport();
        }
    }

    private static final class ItemWriteSupport extends WriteSupport<DataItem> {
        private RecordConsumer out;

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(SCHEMA, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(DataItem item) {
            out.startMessage();
            string(0, "id", item.id());
            string(1, "text", item.text());
            string(2, "label", item.label());
            string(3, "annotation", ItemJson.compact(item.annotation()));
            string(4, "split", item.split());
            string(5, "source", item.source());
            string(6, "meta", ItemJson.compact(item.meta()));
            out.startField("line", 7);
            out.addLong(item.line());
            out.endField("line", 7);
            out.endMessage();
        }

        private void string(int index, String name, String value) {
            if (value != null) {
                out.startField(name, index);
                out.addBinary(Binary.fromString(value));
                out.endField(name, index);
            }
        }
    }

    /** A Parquet output file over a plain stream, counting its position. */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream out;

        StreamOutputFile(OutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            CountingOutputStream counted = new CountingOutputStream(out);
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return counted.count();
                }

                @Override
                public void write(int b) throws IOException {
                    counted.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    counted.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    counted.flush();
                }

                @Override
                public void close() {
                    // the item writer closes the underlying stream
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }

}
