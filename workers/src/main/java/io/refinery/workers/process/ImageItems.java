package io.refinery.workers.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.api.NdjsonUpload;
import io.refinery.workflows.api.WorkerApi;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Process for image datasets: the text operators (normalize, PII masking) do not apply to pictures, so each raw row
 * becomes an item whose text is the picture's file name, deduplicated by the picture's bytes (the SHA-256 the engine
 * recorded on upload): the same photo uploaded under two names is labelled once. Memory: one hash per distinct
 * picture.
 */
final class ImageItems {
    record Figures(long input, long kept, long duplicates) {
    }

    private ImageItems() {
    }

    static Figures process(EngineApi api, long versionId) throws IOException {
        Map<String, String> shaByName = new HashMap<>();
        api.get(WorkerApi.sources(versionId))
                .forEach(s -> shaByName.put(s.path("name").asText(), s.path("sha256").asText()));
        Set<String> seen = new HashSet<>();
        long[] counts = new long[3];
        try (NdjsonUpload items = api.upload(WorkerApi.items(versionId), 1000)) {
            api.streamNdjson(WorkerApi.rawItems(versionId), raw -> {
                counts[0]++;
                JsonNode payload = raw.path("payload");
                String name = payload.path("image").asText();
                String sha = shaByName.get(name);
                if (sha == null) {
                    throw new IllegalStateException("raw item " + raw.path("rawItemId").asLong() + ": image \"" + name
                            + "\" is not an uploaded file of this version (was it deleted after Collect?)");
                }
                if (!seen.add(sha)) {
                    counts[2]++;
                    return;
                }
                counts[1]++;
                ObjectNode meta = payload.deepCopy();
                meta.remove("id");
                meta.remove("image");
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("rawItemId", raw.path("rawItemId").asLong());
                item.put("externalId", payload.hasNonNull("id") ? payload.get("id").asText() : null);
                item.put("text", name);
                item.put("contentHash", sha);
                item.put("meta", meta);
                item.put("pii", Map.of());
                items.add(item);
            });
        }
        return new Figures(counts[0], counts[1], counts[2]);
    }
}
