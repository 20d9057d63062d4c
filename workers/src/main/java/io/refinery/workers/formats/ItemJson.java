package io.refinery.workers.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * An item as one JSON object with sorted keys, written straight to a generator (no tree per item):
 * {@code annotation} (only when present), {@code id}, {@code label}, {@code line}, {@code meta}, {@code source},
 * {@code split} (only when present), {@code text}. Nested objects (meta, annotation) are written with sorted keys
 * too, so the same item always gives the same bytes.
 */
public final class ItemJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();
    public static final JsonFactory FACTORY = MAPPER.getFactory();

    private ItemJson() {
    }

    public static void write(JsonGenerator g, DataItem item) throws IOException {
        g.writeStartObject();
        if (item.annotation() != null && !item.annotation().isNull()) {
            g.writeFieldName("annotation");
            writeSorted(g, item.annotation());
        }
        g.writeStringField("id", item.id());
        g.writeStringField("label", item.label());
        g.writeNumberField("line", item.line());
        g.writeFieldName("meta");
        writeSorted(g, item.meta());
        g.writeStringField("source", item.source());
        if (item.split() != null) {
            g.writeStringField("split", item.split());
        }
        g.writeStringField("text", item.text());
        g.writeEndObject();
    }

    /** Writes any JSON value with object keys sorted at every depth; null is JSON null. */
    public static void writeSorted(JsonGenerator g, JsonNode node) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            g.writeNull();
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isObject()) {
            g.writeStartObject();
            if (node.size() == 1) {
                var only = node.fields().next();
                g.writeFieldName(only.getKey());
                writeSorted(g, only.getValue());
            } else {
                List<String> names = new ArrayList<>(node.size());
                node.fieldNames().forEachRemaining(names::add);
                Collections.sort(names);
                for (String name : names) {
                    g.writeFieldName(name);
                    writeSorted(g, node.get(name));
                }
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                writeSorted(g, it.next());
            }
            g.writeEndArray();
        } else if (node.isInt() || node.isShort()) {
            g.writeNumber(node.intValue());
        } else if (node.isLong()) {
            g.writeNumber(node.longValue());
        } else if (node.isDouble() || node.isFloat()) {
            g.writeNumber(node.doubleValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else {
            g.writeTree(node); // big numbers, binary, POJO nodes
        }
    }

    /** The item of one JSON object written by {@link #write}; unknown keys are ignored. */
    public static DataItem read(JsonNode o) {
        return new DataItem(text(o, "id"), text(o, "text"), text(o, "label"), nullIfNull(o.get("annotation")),
                text(o, "split"), text(o, "source"), o.path("line").asLong(0), nullIfNull(o.get("meta")));
    }

    /** Compact JSON with sorted keys, or null for a null value: how tabular formats store nested values. */
    public static String compact(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return COMPACT.get().encode(node);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One reusable generator per thread for {@link #compact} (called once or twice per item in a release). */
    private static final ThreadLocal<CompactEncoder> COMPACT = ThreadLocal.withInitial(CompactEncoder::new);

    private static final class CompactEncoder {
        private final StringBuilder text = new StringBuilder(256);
        private final JsonGenerator g;

        CompactEncoder() {
            try {
                g = FACTORY.createGenerator(new java.io.Writer() {
                    @Override
                    public void write(char[] cbuf, int off, int len) {
                        text.append(cbuf, off, len);
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                });
                g.setRootValueSeparator(null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        String encode(JsonNode node) throws IOException {
            text.setLength(0);
            writeSorted(g, node);
            g.flush();
            return text.toString();
        }
    }

    /** Parses the compact JSON of a tabular cell; the error names the column. */
    static JsonNode parseCell(String column, String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("field \"" + column + "\" is not valid JSON: "
                    + Raw.firstLine(e.getOriginalMessage()));
        }
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static JsonNode nullIfNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
