package io.refinery.workers.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.formats.DataItem;
import io.refinery.workers.formats.Picture;
import io.refinery.workers.report.Check;
import io.refinery.workers.report.QualityReportHtml;
import io.refinery.workers.runtime.Job;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import io.refinery.workflows.answers.AnnotationValues;
import io.refinery.workflows.api.WorkerApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Release: writes the version folder locally (data, quarantine, quality report, datasheet, manifest), uploads
 * every file, and asks the engine to seal it. A redo after sealing only reads the sealed release back.
 */
public final class ReleaseHandler implements TopicHandler {
    private final EngineApi api;
    private final Path workDir;

    public ReleaseHandler(EngineApi api, Path workDir) {
        this.api = api;
        this.workDir = workDir;
    }

    @Override
    public String topic() {
        return Topics.RELEASE;
    }

    @Override
    public List<String> variables() {
        return List.of(Vars.VERSION_ID, Vars.NAME, Vars.LABEL_SET, Vars.OVERLAP, Vars.ROUND, Vars.INITIATOR);
    }

    @Override
    public Map<String, Object> handle(Job job) throws IOException {
        long versionId = job.getLong(Vars.VERSION_ID);
        try {
            JsonNode sealed = api.get(WorkerApi.release(versionId));
            return done(sealed);
        } catch (EngineApi.ApiError e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        JsonNode version = api.get(WorkerApi.version(versionId));
        JsonNode results = api.get(WorkerApi.quality(versionId));
        JsonNode quality = results.isEmpty() ? null : results.get(results.size() - 1);
        String label = api.get(WorkerApi.releaseNextLabel(versionId)).path("label").asText();
        Instant createdAt = quality == null ? Instant.parse(version.path("version").path("createdAt").asText())
                : Instant.parse(quality.path("createdAt").asText());
        String name = job.getString(Vars.NAME);
        Path dir = workDir.resolve("release-version-" + versionId + "-" + job.id());
        deleteRecursively(dir);
        Files.createDirectories(workDir);
        ReleaseWriter writer = ReleaseWriter.create(dir, name, label, createdAt);
        JsonNode demand = version.path("demand");
        String taskType = demand.path("taskType").asText();
        List<String> labelSet = labelSet(job);
        JsonNode splitDemand = demand.path("splits");
        int[] percent = {splitDemand.path("train").asInt(80), splitDemand.path("validation").asInt(10),
                splitDemand.path("test").asInt(10)};
        long seed = splitDemand.path("seed").canConvertToLong() ? splitDemand.path("seed").asLong() : versionId;
        Map<String, Long> classCounts = new TreeMap<>();
        ReleaseItems released;
        try (ReleaseItems data = new ReleaseItems(writer, taskType, labelSet, pictures(versionId, taskType),
                new SplitAssigner(percent[0], percent[1], percent[2], seed))) {
            released = data;
            api.streamNdjson(WorkerApi.releaseItems(versionId), item -> {
                String itemLabel = item.path("label").asText(null);
                JsonNode value = item.get("value");
                classesOf(itemLabel, value).forEach(c -> classCounts.merge(c, 1L, Long::sum));
                data.write(new DataItem(item.path("externalId").asText(null), item.path("text").asText(), itemLabel,
                        itemLabel == null && value != null && !value.isNull() ? value : null, null,
                        item.path("source").asText(), item.path("line").asLong(), item.get("meta")));
            });
        }
        long count = released.count();
        try (JsonlWriter quarantine = writer.openQuarantine()) {
            api.streamNdjson(WorkerApi.quarantine(versionId),
                    row -> quarantine.write(new QuarantinedRow(row.path("source").asText(),
                    row.path("line").asLong(), row.path("reason").asText(), row.path("raw").asText(null))));
        }
        writer.writeQualityReport(quality == null ? Map.of() : quality.path("report"));
        writer.writeQualityReportHtml(QualityReportHtml.render(name, label, quality == null ? null : quality.path("report")));
        Lineage lineage = lineage(versionId, job, version);
        SplitSummary splits = released.summary(percent[0], percent[1], percent[2], seed);
        writer.describe(lineage, splits);
        writer.writeDatasheet(facts(job, version, quality, label, count, classCounts, createdAt)
                .withRelease(lineage, splits, released.files()));
        Manifest manifest = writer.finish();
        for (ManifestFile file : manifest.files()) {
            api.putFile(WorkerApi.releaseFile(versionId, file.path()), writer.dir().resolve(file.path()));
        }
        api.putFile(WorkerApi.releaseFile(versionId, Manifest.FILE_NAME), writer.dir().resolve(Manifest.FILE_NAME));
        JsonNode release = api.postJson(WorkerApi.releaseSeal(versionId), new WorkerApi.Seal(count));
        deleteRecursively(writer.dir());
        return done(release);
    }

    private static List<String> labelSet(Job job) {
        return Arrays.stream(job.getString(Vars.LABEL_SET).split(",")).map(String::trim).toList();
    }

    /** Pictures of image datasets, read from the engine (size from the header); each asked for once in a row. */
    private Picture.Lookup pictures(long versionId, String taskType) {
        if (!AnnotationValues.isImage(taskType)) {
            return fileName -> null;
        }
        Picture[] last = {null};
        return fileName -> {
            if (last[0] == null || !last[0].name().equals(fileName)) {
                try (var in = api.download(WorkerApi.media(versionId, fileName))) {
                    last[0] = Picture.of(fileName, in.readAllBytes());
                } catch (EngineApi.ApiError e) {
                    if (e.status() != 404) {
                        throw e;
                    }
                    last[0] = new Picture(fileName, 0, 0, null);
                }
            }
            return last[0];
        };
    }

    /** Process and definition from the engine; sources, operators and worker versions from the step figures. */
    private Lineage lineage(long versionId, Job job, JsonNode version) throws IOException {
        JsonNode process = api.get(WorkerApi.releaseLineage(versionId));
        JsonNode stats = version.path("stats");
        List<Lineage.SourceFile> sources = new ArrayList<>();
        Map<String, JsonNode> uploaded = new TreeMap<>();
        version.path("sources").forEach(s -> uploaded.put(s.path("name").asText(), s));
        for (JsonNode s : stats.path("collect").path("sources")) {
            String file = s.path("source").asText();
            JsonNode up = uploaded.get(file);
            JsonNode bytes = s.has("bytes") ? s.get("bytes") : up == null ? null : up.get("bytes");
            JsonNode sha = s.has("sha256") ? s.get("sha256") : up == null ? null : up.get("sha256");
            sources.add(new Lineage.SourceFile(file, bytes == null ? null : bytes.asLong(),
                    sha == null ? null : sha.asText()));
        }
        List<String> operators = new ArrayList<>();
        stats.path("process").path("operators").forEach(o -> operators.add(o.asText()));
        Map<String, String> workers = new TreeMap<>();
        stats.fields().forEachRemaining(e -> {
            if (e.getValue().path("workerVersion").isTextual()) {
                workers.put(e.getKey(), e.getValue().path("workerVersion").asText());
            }
        });
        workers.put("release", io.refinery.workers.runtime.WorkerVersion.get());
        return new Lineage(process.path("processInstanceId").asText(job.processInstanceId()),
                process.path("processDefinitionKey").asText(null),
                process.path("processDefinitionVersion").canConvertToInt()
                        ? process.path("processDefinitionVersion").asInt() : null,
                process.path("processDefinitionId").asText(null), sources, operators, workers, job.getInt(Vars.ROUND));
    }

    private static Map<String, Object> done(JsonNode release) {
        return Map.of(Vars.RELEASE_VERSION, release.path("label").asText(), Vars.RELEASE_PATH, release.path("path").asText());
    }

    /** The classes an answer counts for: its label, or the labels of its boxes, spans or multi-labels. */
    static List<String> classesOf(String label, JsonNode value) {
        if (label != null) {
            return List.of(label);
        }
        List<String> classes = new java.util.ArrayList<>();
        if (value != null) {
            value.path("boxes").forEach(b -> classes.add(b.path("label").asText()));
            value.path("spans").forEach(b -> classes.add(b.path("label").asText()));
            value.path("labels").forEach(l -> classes.add(l.asText()));
        }
        return classes;
    }

    private DatasheetFacts facts(Job job, JsonNode version, JsonNode quality, String label, long released,
                                 Map<String, Long> classCounts, Instant createdAt) {
        ObjectMapper json = api.json();
        JsonNode demand = version.path("demand");
        JsonNode stats = version.path("stats");
        JsonNode collect = stats.path("collect");
        JsonNode process = stats.path("process");
        List<DatasheetFacts.SourceCount> sources = new ArrayList<>();
        for (JsonNode s : collect.path("sources")) {
            sources.add(new DatasheetFacts.SourceCount(s.path("source").asText(), s.path("accepted").asLong(),
                    s.path("quarantined").asLong()));
        }
        Map<String, Long> byReason = json.convertValue(collect.path("quarantinedByReason"),
                json.getTypeFactory().constructMapType(TreeMap.class, String.class, Long.class));
        Map<String, Long> pii = json.convertValue(process.path("piiByKind"),
                json.getTypeFactory().constructMapType(TreeMap.class, String.class, Long.class));
        List<String> operators = json.convertValue(process.path("operators"),
                json.getTypeFactory().constructCollectionType(List.class, String.class));
        var processing = new DatasheetFacts.Processing(collect.path("accepted").asLong(),
                collect.path("quarantined").asLong(), byReason == null ? Map.of() : byReason,
                operators == null ? List.of() : operators, process.path("duplicates").asLong(),
                pii == null ? Map.of() : pii, stats.path("prelabel").path("prelabeled").asLong());
        List<Check> checks = new ArrayList<>();
        if (quality != null) {
            for (JsonNode c : quality.path("report").path("checks")) {
                checks.add(json.convertValue(c, Check.class));
            }
        }
        int annotators = quality == null ? 0 : quality.path("report").path("agreement").path("pairCounts").size();
        return new DatasheetFacts(job.getString(Vars.NAME), label, demand.path("description").asText(""),
                demand.path("taskType").asText(),
                labelSet(job), sources, processing,
                new DatasheetFacts.Labelling(annotators, job.getInt(Vars.OVERLAP), job.getInt(Vars.ROUND)), released,
                new LinkedHashMap<>(classCounts), checks, quality != null && quality.path("passed").asBoolean(),
                demand.path("intendedUse").asText(""), demand.path("license").asText("internal use"),
                version.path("version").path("createdBy").asText(), createdAt.toString());
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
