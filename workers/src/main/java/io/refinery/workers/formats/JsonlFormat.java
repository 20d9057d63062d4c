package io.refinery.workers.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** JSON Lines: one item per line as {@link ItemJson} writes it. */
public final class JsonlFormat {

    private JsonlFormat() {
    }

    public static ItemWriter writer(OutputStream out) throws IOException {
        JsonGenerator g = ItemJson.FACTORY.createGenerator(out);
        g.setRootValueSeparator(null);
        return new ItemWriter() {
            @Override
            public void write(DataItem item) throws IOException {
                ItemJson.write(g, item);
                g.writeRaw('\n');
            }

            @Override
            public void close() throws IOException {
                g.close();
                out.close();
            }
        };
    }

    /**
     * Encodes items as JSONL lines into one reusable buffer, for writing the same line to several files (e.g. all
     * items and their split) without encoding it twice.
     */
    public static final class LineEncoder {
        private final Buffer buffer = new Buffer();
        private final JsonGenerator g;

        public LineEncoder() throws IOException {
            g = ItemJson.FACTORY.createGenerator(buffer);
            g.setRootValueSeparator(null);
        }

        /** Writes the item's line (with its {@code \n}) to every stream given. */
        public void write(DataItem item, OutputStream... targets) throws IOException {
            buffer.reset();
            ItemJson.write(g, item);
            g.writeRaw('\n');
            g.flush();
            for (OutputStream target : targets) {
                buffer.copyTo(target);
            }
        }

        private static final class Buffer extends java.io.ByteArrayOutputStream {
            Buffer() {
                super(4096);
            }

            void copyTo(OutputStream target) throws IOException {
                target.write(buf, 0, count);
            }
        }
    }

    /** Reads lines written by {@link #writer}; a bad line is rejected with its number, blank lines are skipped. */
    public static void read(String source, InputStream in, ItemSink sink) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = ItemJson.MAPPER.readTree(line);
                if (!node.isObject()) {
                    sink.rejected(source, number, "not a JSON object", Raw.cut(line));
                } else if (!node.path("text").isTextual()) {
                    sink.rejected(source, number, "field \"text\" is missing or not a string", Raw.cut(line));
                } else {
                    sink.item(source, number, ItemJson.read(node));
                }
            } catch (JsonProcessingException e) {
                sink.rejected(source, number, "invalid JSON: " + Raw.firstLine(e.getOriginalMessage()), Raw.cut(line));
            }
        }
    }
}
