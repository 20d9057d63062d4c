package io.refinery.workers.release;

import io.refinery.workflows.releases.ReleaseFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a release folder: {@code data.jsonl}, {@code quarantine.jsonl}, {@code quality-report.json},
 * {@code datasheet.md} and last {@code manifest.json}, which lists every other file with its size and SHA-256
 * (computed while streaming). Files are written into {@code <dir>.partial}, which {@link #finish()} renames to
 * {@code <dir>}: a folder that exists is complete and never changes; a leftover partial folder of a crashed run
 * is deleted and rewritten, so the same inputs give the same bytes.
 */
public final class ReleaseWriter {

    public static final String DATA = "data.jsonl";
    public static final String QUARANTINE = ReleaseFolder.QUARANTINE;
    public static final String QUALITY_REPORT = ReleaseFolder.QUALITY_REPORT;
    public static final String QUALITY_REPORT_HTML = ReleaseFolder.QUALITY_REPORT_HTML;
    public static final String DATASHEET = ReleaseFolder.DATASHEET;

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path target;
    private final Path partial;
    private final String dataset;
    private final String version;
    private final String createdAt;
    private final Map<String, ManifestFile> written = new TreeMap<>();
    private final List<String> opened = new ArrayList<>();
    private boolean finished;
    private Lineage lineage;
    private SplitSummary splits;

    private ReleaseWriter(Path target, String dataset, String version, Instant createdAt) {
        this.target = target;
        this.partial = target.resolveSibling(target.getFileName() + ".partial");
        this.dataset = dataset;
        this.version = version;
        this.createdAt = createdAt.toString();
    }

    /**
     * @param dir       the release folder to create; must not exist yet
     * @param createdAt the release time, recorded in the manifest (passed in, so a rerun writes the same bytes)
     * @throws FileAlreadyExistsException if {@code dir} exists (a release never changes)
     */
    public static ReleaseWriter create(Path dir, String dataset, String version, Instant createdAt)
            throws IOException {
        ReleaseWriter writer = new ReleaseWriter(dir.toAbsolutePath().normalize(), dataset, version, createdAt);
        if (Files.exists(writer.target)) {
            throw new FileAlreadyExistsException(writer.target.toString(), null, "a release folder never changes");
        }
        deleteRecursively(writer.partial);
        Files.createDirectories(writer.partial);
        return writer;
    }

    public JsonlWriter openData() throws IOException {
        return openJsonl(DATA);
    }

    public JsonlWriter openQuarantine() throws IOException {
        return openJsonl(QUARANTINE);
    }

    /** Another JSONL file, e.g. a split; {@code name} is a plain file name. */
    public JsonlWriter openJsonl(String name) throws IOException {
        return new JsonlWriter(open(name));
    }

    /** Any other release file, e.g. {@code data.parquet}; {@code name} is a plain file name; close it before finishing. */
    public OutputStream openFile(String name) throws IOException {
        return open(name);
    }

    /** What {@code manifest.json} says about where the release came from and how it was split. */
    public void describe(Lineage lineage, SplitSummary splits) {
        this.lineage = lineage;
        this.splits = splits;
    }

    /** Writes {@code quality-report.json} from any JSON-serializable value (e.g. a {@code QualityResult}). */
    public void writeQualityReport(Object report) throws IOException {
        try (OutputStream out = open(QUALITY_REPORT)) {
            out.write(CanonicalJson.pretty(report));
        }
    }

    /** Writes {@code quality-report.html}, the self-contained page rendered by {@code QualityReportHtml}. */
    public void writeQualityReportHtml(String html) throws IOException {
        try (OutputStream out = open(QUALITY_REPORT_HTML)) {
            out.write(html.getBytes(StandardCharsets.UTF_8));
        }
    }

    public void writeDatasheet(DatasheetFacts facts) throws IOException {
        try (OutputStream out = open(DATASHEET)) {
            out.write(DatasheetRenderer.render(facts).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Writes an empty {@code quarantine.jsonl} if none was written, then {@code manifest.json}, then moves the
     * folder into place.
     *
     * @throws IllegalStateException if a file is still open, or data, quality report or datasheet is missing
     */
    public Manifest finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("release " + target + " is already finished");
        }
        if (!opened.contains(QUARANTINE)) {
            openQuarantine().close();
        }
        List<String> open = opened.stream().filter(name -> !written.containsKey(name)).toList();
        if (!open.isEmpty()) {
            throw new IllegalStateException("close these files before finishing: " + open);
        }
        for (String required : List.of(DATA, QUALITY_REPORT, DATASHEET)) {
            if (!written.containsKey(required)) {
                throw new IllegalStateException(required + " was not written");
            }
        }
        Manifest manifest = new Manifest(dataset, version, createdAt, List.copyOf(written.values()), lineage, splits);
        Files.write(partial.resolve(Manifest.FILE_NAME), CanonicalJson.pretty(manifest));
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target);
        }
        finished = true;
        return manifest;
    }

    /** Where the folder will be once finished. */
    public Path dir() {
        return target;
    }

    private OutputStream open(String name) throws IOException {
        if (finished) {
            throw new IllegalStateException("release " + target + " is already finished");
        }
        if (!FILE_NAME.matcher(name).matches() || name.equals(Manifest.FILE_NAME)) {
            throw new IllegalArgumentException("not a release file name: \"" + name + "\"");
        }
        if (opened.contains(name)) {
            throw new IllegalStateException(name + " was already written");
        }
        opened.add(name);
        return new ChecksummedOutputStream(partial.resolve(name), name, file -> written.put(file.path(), file));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
