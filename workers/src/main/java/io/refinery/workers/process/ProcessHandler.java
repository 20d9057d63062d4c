package io.refinery.workers.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.api.NdjsonUpload;
import io.refinery.workers.api.ProgressReporter;
import io.refinery.workers.runtime.Job;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import io.refinery.workflows.answers.AnnotationValues;
import io.refinery.workflows.api.WorkerApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Process: streams the raw rows in source order through the configured operators (default normalize → dedup →
 * mask PII; dedup-near when configured), on every core by {@link PipelineBatches}, and sends the kept items;
 * near-duplicates go to quarantine with the raw item they repeat. The engine keys items by content hash and quarantine rows by source
 * line, so a redo keeps the same first occurrences and stores nothing twice. Image datasets take
 * {@link ImageItems} instead.
 */
public final class ProcessHandler implements TopicHandler {
    /**
     * Optional variable (the Process step's input parameter): the operators in order with their options, e.g.
     * {@code normalize, mask-pii(kinds=phone|email)}; see {@link OperatorSpec}. Missing or blank: the default.
     */
    public static final String OPERATORS = "operators";

    /** Near-duplicate pairs listed in the step's figures; all of them are in quarantine. */
    static final int PAIRS_IN_STATS = 100;

    private final EngineApi api;

    public ProcessHandler(EngineApi api) {
        this.api = api;
    }

    @Override
    public String topic() {
        return Topics.PROCESS;
    }

    @Override
    public List<String> variables() {
        return List.of(Vars.VERSION_ID, OPERATORS, Vars.TASK_TYPE);
    }

    @Override
    public Map<String, Object> handle(Job job) throws IOException {
        long versionId = job.getLong(Vars.VERSION_ID);
        if (AnnotationValues.isImage(job.getString(Vars.TASK_TYPE, ""))) {
            return images(versionId);
        }
        String configured = job.getString(OPERATORS, "");
        TextPipeline pipeline = configured.isBlank() ? new TextPipeline(TextPipeline.DEFAULT_OPERATORS)
                : TextPipeline.of(OperatorSpec.parseList(configured));
        List<String> operators = pipeline.specs().stream().map(OperatorSpec::toString).toList();
        List<Map<String, Object>> pairs = new ArrayList<>();
        long rawItems = api.get(WorkerApi.version(versionId)).path("counts").path("raw_items").asLong();
        try (ProgressReporter progress = new ProgressReporter(api, versionId, Topics.step(Topics.PROCESS), "rows",
                rawItems);
             NdjsonUpload items = api.upload(WorkerApi.items(versionId), 2000);
             NdjsonUpload quarantine = api.upload(WorkerApi.quarantine(versionId), 500);
             PipelineBatches<JsonNode> batches = new PipelineBatches<>(pipeline,
                     raw -> raw.path("payload").path("text").asText(), raw -> raw.path("rawItemId").asLong(),
                     (raw, processed) -> send(raw, processed, items, quarantine, pairs))) {
            long streamed = api.streamNdjson(WorkerApi.rawItems(versionId), raw -> {
                batches.add(raw);
                progress.row();
            });
            batches.finish();
            requireAll(versionId, streamed, rawItems);
        }
        ProcessStats stats = pipeline.stats();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("operators", operators);
        figures.put("input", stats.input());
        figures.put("kept", stats.kept());
        figures.put("duplicates", stats.duplicates());
        figures.put("nearDuplicates", stats.nearDuplicates());
        figures.put("nearDuplicatePairs", pairs);
        figures.put("piiByKind", stats.piiByKind());
        figures.put("piiTotal", stats.piiTotal());
        api.putJson(WorkerApi.stats(versionId, "process"), figures);
        return Map.of(Vars.ITEM_COUNT, stats.kept(), Vars.DUPLICATE_COUNT, stats.duplicates(),
                Vars.PII_MASKED_COUNT, stats.piiTotal());
    }

    /**
     * Sends a kept item to the engine; a near-duplicate goes to quarantine instead (step {@code process}, reason
     * naming the raw item it repeats), and the first {@value #PAIRS_IN_STATS} pairs also into the step's figures.
     * Exact duplicates are dropped: the engine keeps one item per content hash anyway.
     */
    private static void send(JsonNode raw, ProcessedText processed, NdjsonUpload items, NdjsonUpload quarantine,
            List<Map<String, Object>> pairs) throws IOException {
        long rawItemId = raw.path("rawItemId").asLong();
        NearDuplicateIndex.Match near = processed.nearDuplicateOf();
        if (near != null) {
            String similarity = String.format(java.util.Locale.ROOT, "%.2f", near.similarity());
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("step", "process");
            record.put("source", raw.path("source").asText());
            record.put("line", raw.path("line").asLong());
            record.put("reason", "near-duplicate of raw item " + near.of() + " (estimated similarity " + similarity + ")");
            record.put("raw", processed.text());
            quarantine.add(record);
            if (pairs.size() < PAIRS_IN_STATS) {
                pairs.add(Map.of("rawItemId", rawItemId, "of", near.of(), "similarity", Double.valueOf(similarity)));
            }
            return;
        }
        if (processed.duplicate()) {
            return;
        }
        JsonNode payload = raw.path("payload");
        ObjectNode meta = payload.deepCopy();
        meta.remove("id");
        meta.remove("text");
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("rawItemId", rawItemId);
        item.put("externalId", payload.hasNonNull("id") ? payload.get("id").asText() : null);
        item.put("text", processed.text());
        item.put("contentHash", processed.contentHash());
        item.put("meta", meta);
        item.put("pii", processed.pii());
        items.add(item);
    }

    /**
     * A stream that ends early looks like a complete one; the version's count of raw items tells them apart, so a cut
     * stream fails the job (and the redo stores nothing twice) instead of leaving items out.
     */
    private static void requireAll(long versionId, long streamed, long stored) throws IOException {
        if (streamed != stored) {
            throw new IOException("read " + streamed + " raw items from " + WorkerApi.rawItems(versionId)
                    + " but the version has "
                    + stored + ": the stream was cut short; retry the Process step");
        }
    }

    /** Pictures skip the text operators: see {@link ImageItems}. */
    private Map<String, Object> images(long versionId) throws IOException {
        ImageItems.Figures f = ImageItems.process(api, versionId);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("operators", List.of("dedup-image"));
        figures.put("input", f.input());
        figures.put("kept", f.kept());
        figures.put("duplicates", f.duplicates());
        figures.put("nearDuplicates", 0L);
        figures.put("piiByKind", Map.of());
        figures.put("piiTotal", 0);
        api.putJson(WorkerApi.stats(versionId, "process"), figures);
        return Map.of(Vars.ITEM_COUNT, f.kept(), Vars.DUPLICATE_COUNT, f.duplicates(), Vars.PII_MASKED_COUNT, 0L);
    }
}
