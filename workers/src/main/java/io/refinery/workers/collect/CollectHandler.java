package io.refinery.workers.collect;

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
import io.refinery.workflows.rows.CollectStats;
import io.refinery.workflows.rows.QuarantineReason;
import io.refinery.workflows.rows.RowReader;
import io.refinery.workflows.rows.RowRules;
import io.refinery.workflows.rows.RowSink;
import io.refinery.workflows.rows.RowValidator;
import io.refinery.workflows.rows.SourceFormat;
import io.refinery.workflows.sources.FolderRoots;
import io.refinery.workflows.streams.CountingInputStream;
import io.refinery.workflows.sources.UrlPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collect: streams every source of the version (uploaded files, or files in a folder on this worker's host under
 * the allowed root) through {@link RowReader}; good rows go to the engine as raw items, bad rows to quarantine,
 * both keyed by (source, line) so a redo stores nothing twice. For image task types the rows name a picture in
 * their {@code image} field; the pictures are uploaded files of the version too, skipped here as row files, and a
 * row naming a picture that was not uploaded is quarantined with that reason.
 */
public final class CollectHandler implements TopicHandler {
    private final EngineApi api;
    private final CollectFolders folders;

    /**
     * @param folderRoot the only folder tree that {@code folder:} sources may read (compared as real paths, so a
     *                   symbolic link inside it cannot lead out); null forbids folder sources
     */
    public CollectHandler(EngineApi api, Path folderRoot) {
        this.api = api;
        this.folders = new CollectFolders(folderRoot);
    }

    /** How long a URL source may take to connect, and to send its next bytes. */
    static final Duration URL_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration URL_READ_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String topic() {
        return Topics.COLLECT;
    }

    /**
     * Optional variable (the Collect step's input parameter): {@code auto} (every source, format by extension; the
     * default), or only the sources of one format: {@code jsonl} (.jsonl, .ndjson), {@code csv}, {@code parquet},
     * {@code coco} and {@code alpaca} (.json), {@code voc} (.xml, .zip), {@code yolo} (.zip, or a YOLO folder).
     */
    public static final String SOURCE_FORMAT = "sourceFormat";

    @Override
    public List<String> variables() {
        return List.of(Vars.VERSION_ID, Vars.DATASET_ID, Vars.SOURCE, SOURCE_FORMAT, Vars.TASK_TYPE);
    }

    /** Whether a source named {@code name} is read under format {@code format}; an unknown format is an error. */
    static boolean wanted(String format, String name) {
        return switch (format) {
            case "auto" -> true;
            case "jsonl" -> name.endsWith(".jsonl") || name.endsWith(".ndjson");
            case "csv" -> name.endsWith(".csv");
            case "parquet" -> name.endsWith(".parquet");
            case "coco", "alpaca" -> name.endsWith(".json");
            case "voc" -> name.endsWith(".xml") || name.endsWith(".zip");
            case "yolo" -> name.endsWith(".zip") || name.endsWith("/");
            default -> throw new IllegalArgumentException("source format '" + format
                    + "': expected auto, jsonl, csv, parquet, coco, alpaca, voc or yolo");
        };
    }

    @Override
    public Map<String, Object> handle(Job job) throws IOException {
        long versionId = job.getLong(Vars.VERSION_ID);
        String source = job.getString(Vars.SOURCE);
        String format = job.getString(SOURCE_FORMAT, "auto").strip();
        wanted(format, "");
        int[] read = {0};
        boolean imageRows = AnnotationValues.isImage(job.getString(Vars.TASK_TYPE, ""));
        JsonNode uploaded = api.get(WorkerApi.sources(versionId));
        Set<String> images = new HashSet<>();
        uploaded.forEach(s -> {
            if (isImageName(s.path("name").asText())) {
                images.add(s.path("name").asText());
            }
        });
        RowRules rules = imageRows ? RowRules.images(images) : RowRules.defaults();
        RowReader reader = new RowReader(rules);
        FormatSource formats = new FormatSource(rules);
        CollectStats total = CollectStats.empty();
        List<Map<String, Object>> perSource = new ArrayList<>();
        try (ProgressReporter progress = new ProgressReporter(api, versionId, Topics.step(Topics.COLLECT), "bytes", 0);
             NdjsonUpload raw = api.upload(WorkerApi.rawItems(versionId), 2000);
             NdjsonUpload quarantine = api.upload(WorkerApi.quarantine(versionId), 500)) {
            RowSink sink = counted(sink(raw, quarantine), progress);
            if ("upload".equals(source)) {
                List<JsonNode> rowFiles = new ArrayList<>();
                uploaded.forEach(s -> {
                    if (!isImageName(s.path("name").asText())) {
                        rowFiles.add(s); // pictures are what rows point at, not rows
                    }
                });
                if (rowFiles.isEmpty()) {
                    throw new IllegalStateException("version " + versionId + " has no uploaded row files:"
                            + " upload a .jsonl or .csv file, then retry the Collect step");
                }
                progress.total(rowFiles.stream().filter(s -> wanted(format, s.path("name").asText()))
                        .mapToLong(s -> s.path("bytes").asLong()).sum());
                for (JsonNode s : rowFiles) {
                    if (!wanted(format, s.path("name").asText())) {
                        continue;
                    }
                    read[0]++;
                    try (InputStream in = api.download(WorkerApi.sourceContent(versionId, s.path("id").asLong()))) {
                        String name = s.path("name").asText();
                        total = total.plus(read(name, name, in, reader, formats, sink, perSource, progress));
                    }
                }
            } else if (UrlPolicy.isUrlSource(source)) {
                // the allow-list and the size cap are the engine's (set by an admin), asked for at every run
                JsonNode policy = api.get(WorkerApi.SOURCES_POLICY);
                List<String> hosts = new ArrayList<>();
                policy.path("urlAllowList").forEach(h -> hosts.add(h.asText()));
                UrlFetcher fetcher = new UrlFetcher(URL_CONNECT_TIMEOUT, URL_READ_TIMEOUT,
                        policy.path("urlMaxBytes").asLong(1L << 30));
                UrlPolicy allowed = UrlPolicy.of(hosts);
                for (URI url : UrlPolicy.urls(source)) {
                    UrlFetcher.Fetched fetched = fetcher.open(url, allowed);
                    String formatName = formatName(fetched);
                    if (!wanted(format, formatName)) {
                        fetched.body().close();
                        continue;
                    }
                    read[0]++;
                    try (InputStream in = fetched.body()) {
                        total = total.plus(read(url.toString(), formatName, in, reader, formats, sink, perSource,
                                progress));
                    }
                }
            } else if (source.startsWith(FolderRoots.PREFIX)) {
                Path dir = folders.resolve(source.substring(FolderRoots.PREFIX.length()));
                if (CollectFolders.isYoloFolder(dir) && wanted(format, dir.getFileName() + "/")) {
                    read[0]++;
                    CollectStats stats = formats.readYoloFolder(dir.getFileName().toString(), dir, sink);
                    perSource.add(Map.of("source", dir.getFileName().toString(), "accepted", stats.accepted(),
                            "quarantined", stats.quarantined()));
                    total = total.plus(stats);
                }
                List<Path> files = folders.files(dir);
                progress.total(CollectFolders.bytes(files, format));
                for (Path file : files) {
                    if (!wanted(format, file.getFileName().toString())) {
                        continue;
                    }
                    read[0]++;
                    try (InputStream in = Files.newInputStream(file)) {
                        String name = file.getFileName().toString();
                        total = total.plus(read(name, name, in, reader, formats, sink, perSource, progress));
                    }
                }
            } else {
                throw new IllegalArgumentException("source '" + source
                        + "': expected 'upload', 'folder:<path>' or 'url:<URL> [<URL> ...]'");
            }
            if (!imageRows && job.has(Vars.DATASET_ID)) {
                total = total.plus(hardExamples(job.getLong(Vars.DATASET_ID), new RowValidator(rules), sink, perSource));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (read[0] == 0) {
            throw new IllegalStateException("version " + versionId + ": no source of format '" + format
                    + "' to collect; upload one or change the Collect step's format");
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("accepted", total.accepted());
        stats.put("quarantined", total.quarantined());
        stats.put("blankLines", total.blank());
        stats.put("quarantinedByReason", total.quarantinedByReason());
        stats.put("sources", perSource);
        stats.put("workerVersion", io.refinery.workers.runtime.WorkerVersion.get());
        api.putJson(WorkerApi.stats(versionId, "collect"), stats);
        return Map.of(Vars.COLLECTED_COUNT, total.accepted(), Vars.QUARANTINED_COUNT, total.quarantined());
    }

    /** Source name of the rows that come from consumers' model errors, confirmed by an expert (model-feedback.bpmn). */
    public static final String HARD_EXAMPLES = "hard-examples";

    /**
     * Every hard example confirmed for the dataset joins each later version as a row of source {@value #HARD_EXAMPLES}
     * (line = its id), with its fields, its text and {@code hardExample} = id, feedback id and the label the expert
     * confirmed; dedup drops one that is already among the collected rows. They pass the same row checks as every
     * other row (id {@code hard-<id>} when the consumer gave none): one that fails is quarantined with its reason.
     */
    private CollectStats hardExamples(long datasetId, RowValidator validator, RowSink sink,
                                      List<Map<String, Object>> perSource) throws IOException {
        CollectStats.Counter counter = new CollectStats.Counter();
        api.streamNdjson(WorkerApi.hardExamples(datasetId), h -> {
            ObjectNode row = h.path("fields").isObject() ? ((ObjectNode) h.get("fields")).deepCopy()
                    : api.json().createObjectNode();
            row.put("text", h.path("text").asText());
            ObjectNode origin = row.putObject("hardExample");
            origin.put("id", h.path("hardExampleId").asLong());
            origin.put("feedbackId", h.path("feedbackId").asLong());
            origin.put("expected", h.path("label").asText(null));
            if (!row.hasNonNull("id")) {
                row.put("id", "hard-" + h.path("hardExampleId").asLong());
            }
            QuarantineReason problem = validator.check(row);
            if (problem == null) {
                sink.accepted(HARD_EXAMPLES, h.path("hardExampleId").asLong(), row);
                counter.accepted();
            } else {
                sink.quarantined(HARD_EXAMPLES, h.path("hardExampleId").asLong(), problem.message(), row.toString());
                counter.quarantined(problem);
            }
        });
        CollectStats stats = counter.snapshot();
        if (stats.accepted() + stats.quarantined() > 0) {
            perSource.add(Map.of("source", HARD_EXAMPLES, "accepted", stats.accepted(), "quarantined", stats.quarantined()));
        }
        return stats;
    }

    /** The pictures among the uploaded files (the engine checks their content on upload). */
    static boolean isImageName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(png|jpe?g|gif|webp)");
    }

    /**
     * Reads one source file by its format (told by the extension of {@code formatName}), recording its figures and
     * lineage (bytes and SHA-256 of what was read) in {@code perSource}; {@code name} names its rows and quarantine.
     * The bytes read are also the step's progress.
     */
    private static CollectStats read(String name, String formatName, InputStream raw, RowReader reader,
                                     FormatSource formats, RowSink sink, List<Map<String, Object>> perSource,
                                     ProgressReporter progress) throws IOException {
        java.security.MessageDigest sha = sha256();
        CountingInputStream counted = progress.track(raw);
        InputStream in = new java.security.DigestInputStream(counted, sha);
        CollectStats stats = FormatSource.handles(formatName) ? formats.read(name, formatName, in, sink)
                : reader.read(name, in, SourceFormat.fromFileName(formatName).orElseThrow(() -> new IllegalArgumentException(
                        "cannot tell the format of \"" + name + "\" (.jsonl, .ndjson, .csv, .parquet, .json, .xml, .zip)")),
                        sink);
        in.transferTo(java.io.OutputStream.nullOutputStream()); // hash the whole file even if a reader stopped early
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("source", name);
        figures.put("accepted", stats.accepted());
        figures.put("quarantined", stats.quarantined());
        figures.put("bytes", counted.count());
        figures.put("sha256", java.util.HexFormat.of().formatHex(sha.digest()));
        perSource.add(figures);
        return stats;
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sink}, each row also counted for the step's progress. */
    private static RowSink counted(RowSink sink, ProgressReporter progress) {
        return new RowSink() {
            @Override
            public void accepted(String source, long line, ObjectNode row) {
                sink.accepted(source, line, row);
                progress.row();
            }

            @Override
            public void quarantined(String source, long line, String reason, String rawLine) {
                sink.quarantined(source, line, reason, rawLine);
                progress.row();
            }
        };
    }

    private static RowSink sink(NdjsonUpload raw, NdjsonUpload quarantine) {
        return new RowSink() {
            @Override
            public void accepted(String source, long line, ObjectNode row) {
                send(raw, Map.of("source", source, "line", line, "payload", row));
            }

            @Override
            public void quarantined(String source, long line, String reason, String rawLine) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("step", "collect");
                record.put("source", source);
                record.put("line", line);
                record.put("reason", reason);
                record.put("raw", rawLine);
                send(quarantine, record);
            }
        };
    }

    private static void send(NdjsonUpload upload, Object record) {
        try {
            upload.add(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file name whose extension tells the format of a fetched URL: the last segment of its path when it has
     * an extension collect reads, else one made from the Content-Type (x-ndjson/jsonl, csv, json, xml, zip, parquet).
     */
    static String formatName(UrlFetcher.Fetched fetched) {
        String path = fetched.url().getPath() == null ? "" : fetched.url().getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(jsonl|ndjson|csv|parquet|json|xml|zip)")) {
            return last;
        }
        String type = fetched.contentType();
        String ext = type.contains("ndjson") || type.contains("jsonl") ? "jsonl" : type.contains("csv") ? "csv"
                : type.contains("parquet") ? "parquet" : type.endsWith("json") ? "json" : type.endsWith("xml") ? "xml"
                : type.endsWith("zip") ? "zip" : null;
        if (ext == null) {
            throw new IllegalArgumentException("URL '" + fetched.url() + "': cannot tell its format from the path or"
                    + " the Content-Type '" + type + "' (.jsonl, .ndjson, .csv, .parquet, .json, .xml, .zip)");
        }
        return "download." + ext;
    }
}
