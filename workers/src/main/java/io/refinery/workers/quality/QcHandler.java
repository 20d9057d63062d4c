package io.refinery.workers.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.runtime.Job;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * QC: streams the labelled items through {@link QualityMetrics}, records the result with the engine (which plans
 * the rework round for failing packages), and hands the metrics to the gate as process variables.
 */
public final class QcHandler implements TopicHandler {
    private final EngineApi api;
    private final SensitiveTerms sensitiveTerms;

    public QcHandler(EngineApi api, SensitiveTerms sensitiveTerms) {
        this.api = api;
        this.sensitiveTerms = sensitiveTerms;
    }

    @Override
    public String topic() {
        return Topics.QC;
    }

    @Override
    public List<String> variables() {
        return List.of(Vars.VERSION_ID, Vars.ROUND, Vars.LABEL_SET, Vars.OVERLAP, Vars.MIN_COMPLETENESS,
                Vars.MIN_AGREEMENT, Vars.MIN_KAPPA, Vars.MAX_DUPLICATE_RATE, Vars.MAX_SENSITIVE_RATIO);
    }

    @Override
    public Map<String, Object> handle(Job job) throws IOException {
        long versionId = job.getLong(Vars.VERSION_ID);
        String base = "/api/versions/" + versionId;
        List<String> labelSet = Arrays.stream(job.getString(Vars.LABEL_SET).split(",")).map(String::trim).toList();
        Thresholds thresholds = new Thresholds(job.getDouble(Vars.MIN_COMPLETENESS), job.getDouble(Vars.MIN_AGREEMENT),
                job.getDouble(Vars.MIN_KAPPA), job.getDouble(Vars.MAX_DUPLICATE_RATE),
                job.getDouble(Vars.MAX_SENSITIVE_RATIO), Thresholds.DEFAULT_MIN_CLASS_COUNT);
        JsonNode stats = api.get(base).path("stats");
        long collected = stats.path("collect").path("accepted").asLong();
        long duplicates = stats.path("process").path("duplicates").asLong();

        QualityMetrics metrics = new QualityMetrics(labelSet, sensitiveTerms);
        api.streamNdjson(base + "/qc-items", item -> {
            List<Annotation> annotations = new ArrayList<>();
            for (JsonNode a : item.path("annotations")) {
                annotations.add(new Annotation(a.path("slot").asInt(), a.path("annotator").asText(), a.path("label").asText()));
            }
            metrics.accept(new ItemRecord(item.path("itemId").asText(), item.path("packageId").asText(),
                    item.path("text").asText(), annotations, item.path("finalLabel").asText(null),
                    item.path("rejected").asBoolean()));
        });
        QualityResult result = metrics.result(thresholds, collected, duplicates);
        int round = job.getInt(Vars.ROUND);
        Map<String, Object> body = new HashMap<>();
        body.put("round", round);
        body.put("passed", result.passed());
        body.put("report", result);
        body.put("failingPackageIds", result.failingPackageIds().stream().map(Long::parseLong).toList());
        body.put("overlap", job.getInt(Vars.OVERLAP));
        JsonNode recorded = api.postJson(base + "/quality", body);

        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.METRIC_COMPLETENESS, result.completeness());
        vars.put(Vars.METRIC_AGREEMENT, orZero(result.agreement().percentAgreement()));
        vars.put(Vars.METRIC_KAPPA, orZero(result.agreement().kappa()));
        vars.put(Vars.METRIC_DUPLICATE_RATE, result.duplicateRate());
        vars.put(Vars.METRIC_SENSITIVE_RATIO, result.sensitiveRatio());
        vars.put(Vars.METRIC_IMBALANCE_RATIO, result.classBalance().imbalanceRatio() == null ? -1.0
                : result.classBalance().imbalanceRatio());
        vars.put(Vars.QC_PASSED, result.passed());
        vars.put(Vars.REWORK_TASK_COUNT, recorded.path("reworkTaskCount").asInt());
        return vars;
    }

    /** A metric that could not be computed (no double-labelled items) counts as 0, so the gate fails it. */
    private static double orZero(Double value) {
        return value == null ? 0.0 : value;
    }
}
