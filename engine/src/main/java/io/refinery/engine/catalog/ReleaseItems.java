package io.refinery.engine.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.release.ReleaseService.Release;
import io.refinery.engine.system.ApiException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The released items of a version, a page at a time, for consumers. Items come from the engine's item table (the
 * rows with a final answer, exactly those the release wrote to data.jsonl; nothing changes them after release), in
 * item-id order. The cursor is the last item id of the previous page, opaque to clients: a page is one index range
 * scan ({@code version_id = ? AND id > ? ORDER BY version_id, id} on index (version_id, id), LIMIT; H2 needs the
 * version in the ORDER BY to read the index in order instead of sorting), so page n costs what page 1 costs, and
 * pages never shift (no OFFSET).
 */
@Service
public class ReleaseItems {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final String CURSOR_PREFIX = "i1:";

    /** What one page held: the number of items and the cursor of the next page (null at the end). */
    public record PageFacts(int items, String nextCursor) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ReleaseItems(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    static String cursorOf(long lastItemId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + lastItemId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The item id a cursor stands for; 0 for none; 400 for anything this API did not hand out. */
    static long afterId(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(CURSOR_PREFIX) && text.substring(CURSOR_PREFIX.length()).matches("\\d{1,18}")) {
                return Long.parseLong(text.substring(CURSOR_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400 below
        }
        throw ApiException.badRequest("cursor '" + cursor + "' is not a cursor of this API: pass the nextCursor of"
                + " the previous page, or none for the first page");
    }

    static int limit(Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw ApiException.badRequest("limit " + n + ": between 1 and " + MAX_LIMIT);
        }
        return n;
    }

    /**
     * Writes {@code {"releaseId","dataset","label","items":[...],"nextCursor"}} to {@code out}. Stored JSON columns
     * (value, meta) are copied as they are, not parsed and written again.
     */
    public PageFacts writePage(Release release, String cursor, Integer requestedLimit, OutputStream out) throws IOException {
        long after = afterId(cursor);
        int limit = limit(requestedLimit);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("releaseId", release.id());
            g.writeStringField("dataset", release.datasetName());
            g.writeStringField("label", release.label());
            g.writeArrayFieldStart("items");
            long[] last = {0};
            int[] n = {0};
            boolean[] more = {false};
            jdbc.query("""
                    SELECT id, external_id, text, final_label, final_value_json, meta_json, content_hash
                    FROM item WHERE version_id = ? AND id > ? AND (final_label IS NOT NULL OR final_value_json IS NOT NULL)
                    ORDER BY version_id, id LIMIT ?""", rs -> {
                if (n[0] == limit) {
                    more[0] = true;
                    return;
                }
                try {
                    g.writeStartObject();
                    g.writeNumberField("itemId", rs.getLong(1));
                    g.writeStringField("externalId", rs.getString(2));
                    g.writeStringField("text", rs.getString(3));
                    g.writeStringField("label", rs.getString(4));
                    raw(g, "value", rs.getString(5));
                    raw(g, "meta", rs.getString(6));
                    g.writeStringField("contentHash", rs.getString(7));
                    g.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                last[0] = rs.getLong(1);
                n[0]++;
            }, release.versionId(), after, limit + 1);
            g.writeEndArray();
            String next = more[0] ? cursorOf(last[0]) : null;
            g.writeStringField("nextCursor", next);
            g.writeEndObject();
            return new PageFacts(n[0], next);
        }
    }

    private static void raw(JsonGenerator g, String field, String storedJson) throws IOException {
        g.writeFieldName(field);
        if (storedJson == null) {
            g.writeNull();
        } else {
            g.writeRawValue(storedJson);
        }
    }
}
