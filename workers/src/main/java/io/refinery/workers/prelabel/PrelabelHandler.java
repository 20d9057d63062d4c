package io.refinery.workers.prelabel;

import io.refinery.workers.api.EngineApi;
import io.refinery.workers.api.NdjsonUpload;
import io.refinery.workers.runtime.Job;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import io.refinery.workflows.answers.AnnotationValues;
import io.refinery.workflows.api.WorkerApi;
import io.refinery.workflows.prelabel.RuleLabeler;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pre-label: applies the approved keyword/regex rules to every item and marks matches as pre-labels. Work packages
 * and the labelling round are the next step's ({@code io.refinery.workers.plan}).
 */
public final class PrelabelHandler implements TopicHandler {
    private final EngineApi api;

    public PrelabelHandler(EngineApi api) {
        this.api = api;
    }

    @Override
    public String topic() {
        return Topics.PRELABEL;
    }

    @Override
    public List<String> variables() {
        return List.of(Vars.VERSION_ID, Vars.LABEL_SET, Vars.LABEL_RULES, Vars.TASK_TYPE);
    }

    @Override
    public Map<String, Object> handle(Job job) throws IOException {
        long versionId = job.getLong(Vars.VERSION_ID);
        List<String> labelSet = Arrays.stream(job.getString(Vars.LABEL_SET).split(",")).map(String::trim).toList();
        // keyword rules read text; an image item's text is its file name, which must not pick its class
        boolean images = AnnotationValues.isImage(job.getString(Vars.TASK_TYPE, ""));
        RuleLabeler labeler = RuleLabeler.parse(images ? "" : job.getString(Vars.LABEL_RULES, ""), labelSet);
        Map<String, Long> byLabel = new TreeMap<>();
        long[] seen = {0};
        try (NdjsonUpload prelabels = api.upload(WorkerApi.prelabels(versionId), 2000)) {
            api.streamNdjson(WorkerApi.items(versionId), item -> {
                seen[0]++;
                var label = labeler.label(item.path("text").asText());
                if (label.isPresent()) {
                    byLabel.merge(label.get().label(), 1L, Long::sum);
                    prelabels.add(Map.of("itemId", item.path("itemId").asLong(), "label", label.get().label(),
                            "rule", label.get().rule()));
                }
            });
        }
        long prelabeled = byLabel.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("items", seen[0]);
        figures.put("prelabeled", prelabeled);
        figures.put("byLabel", byLabel);
        figures.put("rules", labeler.ruleCount());
        api.putJson(WorkerApi.stats(versionId, "prelabel"), figures);
        return Map.of(Vars.PRELABELED_COUNT, prelabeled);
    }
}
