package io.refinery.workers.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.runtime.Job;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import io.refinery.workflows.api.WorkerApi;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift check: streams the reference (released) version's items and then the newer version's items from the engine
 * into a {@link DriftMeasurement}, stores the report with the engine (keyed by process instance, so a redo overwrites
 * it) and completes with the metrics and a summary of the limits crossed. An item's class is its final label, else
 * its pre-label, else {@value DriftMeasurement#NO_LABEL}.
 */
public final class DriftHandler implements TopicHandler {
    private final EngineApi api;

    public DriftHandler(EngineApi api) {
        this.api = api;
    }

    @Override
    public String topic() {
        return Topics.DRIFT_CHECK;
    }

    @Override
    public List<String> variables() {
        return List.of(Vars.DATASET_ID, Vars.DRIFT_REFERENCE_VERSION_ID, Vars.DRIFT_VERSION_ID, Vars.MAX_PSI,
                Vars.MAX_TVD, Vars.MAX_ANOMALY_RATIO);
    }

    @Override
    public Map<String, Object> handle(Job job) throws IOException {
        long reference = job.getLong(Vars.DRIFT_REFERENCE_VERSION_ID);
        long newer = job.getLong(Vars.DRIFT_VERSION_ID);
        DriftLimits limits = new DriftLimits(limit(job, Vars.MAX_PSI, DriftLimits.DEFAULTS.maxPsi()),
                limit(job, Vars.MAX_TVD, DriftLimits.DEFAULTS.maxTvd()),
                limit(job, Vars.MAX_ANOMALY_RATIO, DriftLimits.DEFAULTS.maxAnomalyRatio()));
        DriftMeasurement measurement = new DriftMeasurement();
        api.streamNdjson(WorkerApi.items(reference),
                item -> measurement.reference(item.path("text").asText(""), label(item)));
        api.streamNdjson(WorkerApi.items(newer),
                item -> measurement.newer(item.path("text").asText(""), label(item)));
        DriftReport report;
        try {
            report = measurement.report(limits);
        } catch (IllegalStateException empty) {
            throw new IllegalStateException("drift of version " + newer + " against version " + reference + ": "
                    + empty.getMessage());
        }
        Map<String, Object> result = new HashMap<>();
        result.put("datasetId", job.getLong(Vars.DATASET_ID));
        result.put("referenceVersionId", reference);
        result.put("newVersionId", newer);
        result.put("psi", report.psi());
        result.put("tvd", report.tvd());
        result.put("anomalyRatio", report.anomalyRatio());
        result.put("exceeded", report.exceeded());
        result.put("report", report);
        api.putJson(WorkerApi.driftResult(job.processInstanceId()), result);
        return Map.of(Vars.DRIFT_PSI, report.psi(), Vars.DRIFT_TVD, report.tvd(),
                Vars.DRIFT_ANOMALY_RATIO, report.anomalyRatio(), Vars.DRIFT_SUMMARY, report.summary());
    }

    private static double limit(Job job, String name, double fallback) {
        return job.variables().get(name) == null ? fallback : job.getDouble(name);
    }

    private static String label(JsonNode item) {
        String finalLabel = item.path("finalLabel").asText(null);
        return finalLabel != null ? finalLabel : item.path("prelabel").asText(null);
    }
}
