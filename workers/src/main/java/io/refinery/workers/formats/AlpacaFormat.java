package io.refinery.workers.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Alpaca instruction data: one JSON array of {@code {"instruction","input","output"}} objects, written and read
 * streaming. Each object also carries the item's {@code id}, its {@code split} and, when it differs from the
 * instruction, its {@code text} (extra keys Alpaca tools ignore). Read objects without {@code text} take the
 * instruction as their text.
 */
public final class AlpacaFormat {

    private AlpacaFormat() {
    }

    public static ItemWriter writer(OutputStream out) throws IOException {
        JsonGenerator g = ItemJson.FACTORY.createGenerator(out);
        g.writeStartArray();
        return new ItemWriter() {
            @Override
            public void write(DataItem item) throws IOException {
                JsonNode a = item.annotation();
                String instruction = a == null ? item.text() : a.path("instruction").asText(item.text());
                g.writeRaw('\n');
                g.writeStartObject();
                g.writeStringField("instruction", instruction);
                g.writeStringField("input", a == null ? "" : a.path("input").asText(""));
                g.writeStringField("output", a == null ? "" : a.path("output").asText(""));
                g.writeStringField("id", item.id());
                if (item.split() != null) {
                    g.writeStringField("split", item.split());
                }
                if (!instruction.equals(item.text())) {
                    g.writeStringField("text", item.text());
                }
                g.writeEndObject();
            }

            @Override
            public void close() throws IOException {
                g.writeRaw('\n');
                g.writeEndArray();
                g.writeRaw('\n');
                g.close();
                out.close();
            }
        };
    }

    public static void read(String source, InputStream in, ItemSink sink) throws IOException {
        long index = 0;
        try (JsonParser p = ItemJson.FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                sink.rejected(source, 0, "not Alpaca JSON: the top level is not an array", null);
                return;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                index++;
                JsonNode o = ItemJson.MAPPER.readTree(p);
                String where = "[" + (index - 1) + "]";
                if (!o.isObject()) {
                    sink.rejected(source, index, where + ": not an object", Raw.cut(o.toString()));
                } else if (!o.path("instruction").isTextual() || o.path("instruction").asText().isBlank()) {
                    sink.rejected(source, index, where + ".instruction: missing, blank or not a string",
                            Raw.cut(o.toString()));
                } else if (!o.path("output").isTextual()) {
                    sink.rejected(source, index, where + ".output: missing or not a string", Raw.cut(o.toString()));
                } else if (o.has("input") && !o.get("input").isTextual()) {
                    sink.rejected(source, index, where + ".input: not a string", Raw.cut(o.toString()));
                } else {
                    ObjectNode a = ItemJson.object();
                    a.put("instruction", o.path("instruction").asText());
                    a.put("input", o.path("input").asText(""));
                    a.put("output", o.path("output").asText());
                    String text = o.path("text").isTextual() ? o.path("text").asText() : a.path("instruction").asText();
                    sink.item(source, index, new DataItem(ItemJson.text(o, "id"), text, null, a,
                            ItemJson.text(o, "split"), source, index, null));
                }
            }
        } catch (JsonProcessingException e) {
            sink.rejected(source, index + 1, "invalid JSON at line " + e.getLocation().getLineNr() + ": "
                    + Raw.firstLine(e.getOriginalMessage()) + " (the rest of the file is not read)", null);
        }
    }
}
