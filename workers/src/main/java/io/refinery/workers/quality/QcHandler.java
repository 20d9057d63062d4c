package io.refinery.workers.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.runtime.Job;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workflows.Threshold;
import io.refinery.workflows.ThresholdValues;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import io.refinery.workflows.answers.BoxAgreement;
import io.refinery.workflows.api.WorkerApi;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * QC: streams the labelled items and the gold answers through {@link QualityMetrics}, records the result with the
 * engine (the verdict and the packages found failing), and hands the metrics, the effective thresholds, the failed
 * checks, the classes to collect more of and the size of a rework round to the gate as process variables. What
 * follows is the gate's decision; the plan-round step plans the relabelling when the gate sends the round back.
 */
public final class QcHandler implements TopicHandler {
    /** Item metadata fields that may say when the data was collected, first found wins. */
    static final List<String> TIME_FIELDS = List.of("collectedAt", "collected_at", "timestamp", "createdAt",
            "created_at", "date");

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
        List<String> names = new ArrayList<>(List.of(Vars.VERSION_ID, Vars.ROUND, Vars.LABEL_SET, Vars.OVERLAP,
                Vars.TASK_TYPE));
        names.addAll(Threshold.defaults().keySet());
        return names;
    }

    @Override
    public Map<String, Object> handle(Job job) throws IOException {
        long versionId = job.getLong(Vars.VERSION_ID);
        List<String> labelSet = Arrays.stream(job.getString(Vars.LABEL_SET).split(",")).map(String::trim).toList();
        String taskType = job.getString(Vars.TASK_TYPE, QualityMetrics.TEXT_CLASSIFICATION);
        ThresholdValues thresholds = ThresholdValues.from(name -> job.variables().get(name) == null ? null
                : job.getDouble(name));
        JsonNode stats = api.get(WorkerApi.version(versionId)).path("stats");
        long collected = stats.path("collect").path("accepted").asLong();
        long duplicates = stats.path("process").path("duplicates").asLong();
        long nearDuplicates = stats.path("process").path("nearDuplicates").asLong(0);

        // final answers of the round: also when the process has no expert review before QC
        api.postJson(WorkerApi.finalizeRound(versionId, job.getInt(Vars.ROUND)), Map.of());
        QualityMetrics metrics = new QualityMetrics(taskType, labelSet, sensitiveTerms, Instant.now());
        api.streamNdjson(WorkerApi.qcItems(versionId), item -> metrics.accept(record(item)));
        api.streamNdjson(WorkerApi.qcGold(versionId), answer -> metrics.acceptGold(answer.path("annotator").asText(),
                goldCorrect(taskType, answer)));
        QualityResult result = metrics.result(thresholds, collected, duplicates, nearDuplicates);
        int round = job.getInt(Vars.ROUND);
        api.postJson(WorkerApi.quality(versionId), new WorkerApi.QualityVerdict(round, result.passed(),
                api.json().valueToTree(result), result.failingPackageIds().stream().map(Long::parseLong).toList()));

        Map<String, Object> vars = new HashMap<>(thresholds.asVariables());
        vars.putAll(variables(result));
        // label tasks a rework round would need: every failing package again, by as many annotators
        vars.put(Vars.REWORK_TASK_COUNT, result.failingPackageIds().size() * job.getInt(Vars.OVERLAP));
        return vars;
    }

    /**
     * The metrics as the gate reads them. A metric that does not apply to the task type is {@code null} (the gate
     * passes it); one that applies but could not be measured (no double-labelled items) is 0, so the gate fails it.
     */
    static Map<String, Object> variables(QualityResult result) {
        Agreement a = result.agreement();
        boolean labels = applies(result, "kappa");
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.METRIC_COMPLETENESS, result.completeness());
        vars.put(Vars.METRIC_VALIDITY, result.validity());
        vars.put(Vars.METRIC_AGREEMENT, applies(result, "agreement") ? orZero(a.percentAgreement()) : null);
        vars.put(Vars.METRIC_KAPPA, labels ? orZero(a.kappa()) : null);
        vars.put(Vars.METRIC_ALPHA, labels ? orZero(a.krippendorffAlpha()) : null);
        vars.put(Vars.METRIC_FLEISS_KAPPA, a.fleissKappa());
        vars.put(Vars.METRIC_IOU, applies(result, "iou") ? orZero(a.meanIou()) : null);
        vars.put(Vars.METRIC_SPAN_F1, applies(result, "spanF1") ? orZero(a.spanF1()) : null);
        vars.put(Vars.METRIC_GOLD_ACCURACY, result.goldAccuracy());
        vars.put(Vars.METRIC_DUPLICATE_RATE, result.duplicateRate());
        vars.put(Vars.METRIC_NEAR_DUPLICATE_RATE, result.nearDuplicateRate());
        vars.put(Vars.METRIC_SENSITIVE_RATIO, result.sensitiveRatio());
        vars.put(Vars.METRIC_IMBALANCE_RATIO, result.classBalance().imbalanceRatio() == null ? -1.0
                : result.classBalance().imbalanceRatio());
        vars.put(Vars.METRIC_MIN_CLASS_COUNT, applies(result, "minClassCount")
                ? (double) result.classBalance().minClassCount() : null);
        vars.put(Vars.METRIC_DATA_AGE_DAYS, result.dataAge().p50Days() == null ? null
                : result.dataAge().p50Days().doubleValue());
        vars.put(Vars.QC_PASSED, result.passed());
        vars.put(Vars.QC_FAILED_CHECKS, String.join(",", result.failedChecks()));
        vars.put(Vars.COLLECT_CLASSES, String.join(",", result.collectClasses()));
        return vars;
    }

    private static boolean applies(QualityResult result, String check) {
        return result.checks().stream().anyMatch(c -> c.metric().equals(check));
    }

    private static double orZero(Double value) {
        return value == null ? 0.0 : value;
    }

    static ItemRecord record(JsonNode item) {
        List<Annotation> annotations = new ArrayList<>();
        for (JsonNode a : item.path("annotations")) {
            JsonNode value = a.get("value");
            annotations.add(new Annotation(a.path("slot").asInt(), a.path("annotator").asText(),
                    a.path("label").asText(null), value == null || value.isNull() ? null : value));
        }
        JsonNode finalValue = item.get("finalValue");
        return new ItemRecord(item.path("itemId").asText(), item.path("packageId").asText(), item.path("text").asText(),
                annotations, item.path("finalLabel").asText(null),
                finalValue == null || finalValue.isNull() ? null : finalValue, item.path("rejected").asBoolean(),
                collectedAt(item.path("meta"), item.path("uploadedAt").asText(null)));
    }

    /** When the item's data was collected: a time field of its metadata, else when its source was uploaded. */
    static Instant collectedAt(JsonNode meta, String uploadedAt) {
        for (String field : TIME_FIELDS) {
            Instant t = parseTime(meta.path(field).asText(null));
            if (t != null) {
                return t;
            }
        }
        return parseTime(uploadedAt);
    }

    private static Instant parseTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDate.parse(text.strip()).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** Drawn boxes are never pixel-equal: a box answer is correct when every box matches the gold one at IoU ≥ 0.5. */
    static boolean goldCorrect(String taskType, JsonNode answer) {
        if (QualityMetrics.BBOX.equals(taskType)) {
            return BoxAgreement.agree(answer.get("value"), answer.get("goldValue"));
        }
        return answer.path("correct").asBoolean();
    }
}
