package io.refinery.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.Ndjson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;

/**
 * The one way a version's bulk rows come in from the workers: NDJSON read in batches of {@value #BATCH} lines, each
 * line checked and turned into a row (400 naming the line and the field when it breaks a rule), each batch stored by
 * {@link ItemRepository} in one JDBC batch. A post answers how many records it carried and how many of them were new
 * (a redelivered batch: 0), never a count of the whole version, so a batch costs the same however large it grows.
 */
@Component
class NdjsonIngest {
    static final int BATCH = 1000;

    /** What one post carried and how many of its records were new. */
    record Ingested(long received, long inserted) {
        /** {@code {"received":n,"inserted":m}}. */
        Map<String, Long> answer() {
            return Map.of("received", received, "inserted", inserted);
        }
    }

    private final ItemRepository items;
    private final ObjectMapper json;

    NdjsonIngest(ItemRepository items, ObjectMapper json) {
        this.items = items;
        this.json = json;
    }

    /** {@code {"source","line","payload":{..}}}, insert-if-absent by (source, line). */
    Ingested rawItems(long versionId, InputStream in) throws IOException {
        return ingest(in, line -> {
            JsonNode payload = line.node().get("payload");
            if (payload == null || !payload.isObject()) {
                throw ApiException.badRequest("NDJSON line " + line.lineNo() + ": field 'payload' must be an object");
            }
            return new Object[] {Ndjson.text(line, "source"), Ndjson.number(line, "line"), payload.toString()};
        }, rows -> items.insertRaw(versionId, rows));
    }

    /** {@code {"step","source","line","reason","raw"}}, insert-if-absent by (step, source, line). */
    Ingested quarantine(long versionId, InputStream in) throws IOException {
        return ingest(in, line -> {
            JsonNode raw = line.node().get("raw");
            return new Object[] {Ndjson.text(line, "step"), Ndjson.text(line, "source"), Ndjson.number(line, "line"),
                    truncate(Ndjson.text(line, "reason"), 1000), raw == null || raw.isNull() ? null : raw.asText()};
        }, rows -> items.insertQuarantine(versionId, rows));
    }

    /**
     * {@code {"rawItemId","externalId","text","contentHash","meta":{..},"pii":{..}}}; an item whose content hash the
     * version already has is not stored again (exact dedup; first occurrence kept).
     */
    Ingested items(long versionId, InputStream in) throws IOException {
        return ingest(in, line -> {
            String hash = Ndjson.text(line, "contentHash");
            if (!hash.matches("[0-9a-f]{64}")) {
                throw ApiException.badRequest("NDJSON line " + line.lineNo() + ": 'contentHash' must be 64 hex digits");
            }
            JsonNode externalId = line.node().get("externalId");
            return new Object[] {Ndjson.number(line, "rawItemId"),
                    externalId == null || externalId.isNull() ? null : externalId.asText(), Ndjson.text(line, "text"),
                    hash, jsonOrNull(line.node().get("meta")), jsonOrNull(line.node().get("pii"))};
        }, rows -> items.insertItems(versionId, rows));
    }

    /** {@code {"itemId","label","rule"}}: rule pre-labels (a redo overwrites with the same values; none count as new). */
    Ingested prelabels(long versionId, InputStream in) throws IOException {
        return ingest(in, line -> new Object[] {Ndjson.text(line, "label"), truncate(Ndjson.text(line, "rule"), 500),
                Ndjson.number(line, "itemId")}, rows -> {
                    items.setPrelabels(versionId, rows);
                    return 0;
                });
    }

    private Ingested ingest(InputStream in, Function<Ndjson.Line, Object[]> row, ToLongFunction<List<Object[]>> store)
            throws IOException {
        long[] inserted = {0};
        long received = Ndjson.readBatches(in, json, BATCH, batch -> {
            List<Object[]> rows = new ArrayList<>(batch.size());
            for (Ndjson.Line line : batch) {
                rows.add(row.apply(line));
            }
            inserted[0] += store.applyAsLong(rows);
        });
        return new Ingested(received, inserted[0]);
    }

    private static String jsonOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
