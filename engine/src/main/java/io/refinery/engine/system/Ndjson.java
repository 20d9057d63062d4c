package io.refinery.engine.system;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.http.MediaType;

/** Newline-delimited JSON in and out: bulk data crosses HTTP as streams, one record per line. */
public final class Ndjson {
    public static final String MEDIA_TYPE = "application/x-ndjson";
    public static final MediaType MEDIA = MediaType.parseMediaType(MEDIA_TYPE);

    /** One parsed line with its 1-based line number. */
    public record Line(long lineNo, JsonNode node) {
    }

    /**
     * Reads {@code in} line by line and hands batches of at most {@code batchSize} objects to {@code sink}.
     * A line that is not a JSON object fails the request with 400 naming the line.
     *
     * @return the number of records read
     */
    public static long readBatches(InputStream in, ObjectMapper mapper, int batchSize, Consumer<List<Line>> sink)
            throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
        List<Line> batch = new ArrayList<>(batchSize);
        long lineNo = 0;
        long count = 0;
        String text;
        while ((text = reader.readLine()) != null) {
            lineNo++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = mapper.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw ApiException.badRequest("NDJSON line " + lineNo + ": not valid JSON: "
                        + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("NDJSON line " + lineNo + ": expected a JSON object");
            }
            batch.add(new Line(lineNo, node));
            count++;
            if (batch.size() == batchSize) {
                sink.accept(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
        return count;
    }

    /** Writes objects one per line; flushes every {@code flushEvery} records. */
    public static final class Writer implements AutoCloseable {
        private final JsonGenerator generator;
        private final OutputStream out;
        private long written;

        public Writer(OutputStream out, ObjectMapper mapper) throws IOException {
            this.out = out;
            this.generator = mapper.getFactory().createGenerator(out);
            this.generator.setRootValueSeparator(null);
        }

        public void write(Object value) throws IOException {
            generator.writeObject(value);
            generator.writeRaw('\n');
            if (++written % 500 == 0) {
                generator.flush();
            }
        }

        public long written() {
            return written;
        }

        @Override
        public void close() throws IOException {
            generator.flush();
            out.flush();
        }
    }

    /** A required text field of an NDJSON record; 400 naming line and field when missing. */
    public static String text(Line line, String field) {
        JsonNode value = line.node().get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            throw ApiException.badRequest("NDJSON line " + line.lineNo() + ": missing field '" + field + "'");
        }
        return value.asText();
    }

    /** A required integer field of an NDJSON record; 400 naming line and field when missing or not a number. */
    public static long number(Line line, String field) {
        JsonNode value = line.node().get(field);
        if (value == null || !value.canConvertToLong()) {
            throw ApiException.badRequest("NDJSON line " + line.lineNo() + ": field '" + field + "' must be an integer");
        }
        return value.asLong();
    }

    /** Produces the records of a streamed response. */
    public interface Body {
        void writeTo(Writer out) throws IOException;
    }

    /** A 200 response that streams NDJSON as {@code body} produces it. */
    public static org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody>
            response(ObjectMapper mapper, Body body) {
        return org.springframework.http.ResponseEntity.ok().contentType(MEDIA).body(out -> {
            try (Writer writer = new Writer(out, mapper)) {
                body.writeTo(writer);
            }
        });
    }

    /** {@link Writer#write} for use inside JDBC row callbacks. */
    public static void write(Writer out, Object row) {
        try {
            out.write(row);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** JSON the engine stored itself (valid by construction), copied into a stream without parsing it again. */
    public record Raw(@com.fasterxml.jackson.annotation.JsonValue @com.fasterxml.jackson.annotation.JsonRawValue String json) {
    }

    /** {@link Raw} of a stored JSON column; null stays null. */
    public static Raw raw(String json) {
        return json == null ? null : new Raw(json);
    }

    /** Parses JSON stored in a column; null stays null. */
    public static JsonNode tree(ObjectMapper mapper, String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Ndjson() {
    }
}
