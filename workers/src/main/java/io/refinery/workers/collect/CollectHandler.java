package io.refinery.workers.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.api.NdjsonUpload;
import io.refinery.workers.runtime.Job;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Collect: streams every source of the version (uploaded files, or files in a folder on this worker's host under
 * the allowed root) through {@link RowReader}; good rows go to the engine as raw items, bad rows to quarantine,
 * both keyed by (source, line) so a redo stores nothing twice. For image task types the rows name a picture in
 * their {@code image} field; the pictures are uploaded files of the version too, skipped here as row files, and a
 * row naming a picture that was not uploaded is quarantined with that reason.
 */
public final class CollectHandler implements TopicHandler {
    private final EngineApi api;
    private final Path folderRoot;

    /** @param folderRoot the only folder tree that {@code folder:} sources may read; null forbids folder sources */
    public CollectHandler(EngineApi api, Path folderRoot) {
        this.api = api;
        this.folderRoot = folderRoot == null ? null : folderRoot.toAbsolutePath().normalize();
    }

    @Override
    public String topic() {
        return Topics.COLLECT;
    }

    /**
     * Optional variable (the Collect step's input parameter): {@code auto} (every .jsonl/.ndjson/.csv source, by
     * extension; the default), {@code jsonl} or {@code csv} (only sources of that format).
     */
    public static final String SOURCE_FORMAT = "sourceFormat";

    @Override
    public List<String> variables() {
        return List.of(Vars.VERSION_ID, Vars.SOURCE, SOURCE_FORMAT, Vars.TASK_TYPE);
    }

    /** Whether a source named {@code name} is read under format {@code format}; an unknown format is an error. */
    static boolean wanted(String format, String name) {
        return switch (format) {
            case "auto" -> true;
            case "jsonl" -> name.endsWith(".jsonl") || name.endsWith(".ndjson");
            case "csv" -> name.endsWith(".csv");
            default -> throw new IllegalArgumentException("source format '" + format + "': expected auto, jsonl or csv");
        };
    }

    @Override
    public Map<String, Object> handle(Job job) throws IOException {
        long versionId = job.getLong(Vars.VERSION_ID);
        String source = job.getString(Vars.SOURCE);
        String format = job.getString(SOURCE_FORMAT, "auto").strip();
        wanted(format, "");
        int[] read = {0};
        String base = "/api/versions/" + versionId;
        boolean imageRows = isImageTaskType(job.getString(Vars.TASK_TYPE, ""));
        JsonNode uploaded = api.get(base + "/sources");
        Set<String> images = new HashSet<>();
        uploaded.forEach(s -> {
            if (isImageName(s.path("name").asText())) {
                images.add(s.path("name").asText());
            }
        });
        RowReader reader = new RowReader(imageRows ? RowRules.images(images) : RowRules.defaults());
        CollectStats total = CollectStats.empty();
        List<Map<String, Object>> perSource = new ArrayList<>();
        try (NdjsonUpload raw = api.upload(base + "/raw-items", 1000);
             NdjsonUpload quarantine = api.upload(base + "/quarantine", 500)) {
            RowSink sink = sink(raw, quarantine);
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
                for (JsonNode s : rowFiles) {
                    if (!wanted(format, s.path("name").asText())) {
                        continue;
                    }
                    read[0]++;
                    try (InputStream in = api.download(base + "/sources/" + s.path("id").asLong() + "/content")) {
                        CollectStats stats = reader.read(s.path("name").asText(), in, sink);
                        perSource.add(sourceStats(s.path("name").asText(), stats));
                        total = total.plus(stats);
                    }
                }
            } else if (source.startsWith("folder:")) {
                for (Path file : folderFiles(source.substring("folder:".length()))) {
                    if (!wanted(format, file.getFileName().toString())) {
                        continue;
                    }
                    read[0]++;
                    try (InputStream in = Files.newInputStream(file)) {
                        CollectStats stats = reader.read(file.getFileName().toString(), in, sink);
                        perSource.add(sourceStats(file.getFileName().toString(), stats));
                        total = total.plus(stats);
                    }
                }
            } else {
                throw new IllegalArgumentException("source '" + source + "': expected 'upload' or 'folder:<path>'");
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
        api.putJson(base + "/stats/collect", stats);
        return Map.of(Vars.COLLECTED_COUNT, total.accepted(), Vars.QUARANTINED_COUNT, total.quarantined());
    }

    /** Task types whose items are pictures (their rows name an uploaded image, their text is its file name). */
    public static boolean isImageTaskType(String taskType) {
        return taskType.startsWith("image-");
    }

    /** The pictures among the uploaded files (the engine checks their content on upload). */
    static boolean isImageName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(png|jpe?g|gif|webp)");
    }

    private static Map<String, Object> sourceStats(String name, CollectStats stats) {
        return Map.of("source", name, "accepted", stats.accepted(), "quarantined", stats.quarantined());
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

    private List<Path> folderFiles(String folder) throws IOException {
        if (folderRoot == null) {
            throw new IllegalArgumentException("folder sources are disabled on this worker: start it with"
                    + " --collect-root <dir> (REFINERY_COLLECT_ROOT) to allow reading under <dir>");
        }
        Path dir = folderRoot.resolve(folder).toAbsolutePath().normalize();
        if (!dir.startsWith(folderRoot)) {
            throw new IllegalArgumentException("folder '" + folder + "' is outside the allowed root " + folderRoot);
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("folder '" + dir + "' does not exist on worker host");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.(jsonl|ndjson|csv)")).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException("folder '" + dir + "' has no .jsonl, .ndjson or .csv files");
            }
            return found;
        }
    }
}
