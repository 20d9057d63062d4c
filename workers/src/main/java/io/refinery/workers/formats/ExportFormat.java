package io.refinery.workers.formats;

import io.refinery.workflows.answers.AnnotationValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The dataset formats, the release file each is written to, the task types it fits, and how collect recognizes
 * a source file of it. JSONL, CSV and Parquet fit every task type; COCO fits both image types; YOLO and Pascal VOC
 * fit bounding boxes; Alpaca fits instruction data.
 */
public enum ExportFormat {
    JSONL("data.jsonl"),
    CSV("data.csv"),
    PARQUET("data.parquet"),
    COCO("coco.json"),
    YOLO("yolo.zip"),
    VOC("voc.zip"),
    ALPACA("alpaca.json");

    private final String fileName;

    ExportFormat(String fileName) {
        this.fileName = fileName;
    }

    /** The file of a release that holds all items in this format. */
    public String fileName() {
        return fileName;
    }

    public boolean fits(String taskType) {
        return switch (this) {
            case JSONL, CSV, PARQUET -> true;
            case COCO -> AnnotationValues.isImage(taskType);
            case YOLO, VOC -> AnnotationValues.IMAGE_BBOX.equals(taskType);
            case ALPACA -> AnnotationValues.INSTRUCTION.equals(taskType);
        };
    }

    /** The formats a release of {@code taskType} is written in, in this order. */
    public static List<ExportFormat> forTaskType(String taskType) {
        return Arrays.stream(values()).filter(f -> f.fits(taskType)).toList();
    }

    /** A writer of this format into {@code out} (closed with the writer). */
    public ItemWriter writer(OutputStream out, List<String> labelSet, Picture.Lookup pictures) throws IOException {
        return switch (this) {
            case JSONL -> JsonlFormat.writer(out);
            case CSV -> CsvFormat.writer(out);
            case PARQUET -> ParquetFormat.writer(out);
            case COCO -> CocoFormat.writer(out, labelSet, pictures);
            case YOLO -> YoloFormat.writer(out, labelSet, pictures);
            case VOC -> VocFormat.writer(out, pictures);
            case ALPACA -> AlpacaFormat.writer(out);
        };
    }

    /**
     * The import format of a source file by its name: {@code .parquet}; {@code .json} is COCO or Alpaca (told apart
     * by the first non-blank byte: an object is COCO, an array Alpaca); {@code .xml} VOC; {@code .zip} YOLO or VOC
     * (told apart by its content). JSONL and CSV sources are read by collect's line readers, not here.
     */
    public static Optional<String> importKind(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet") || n.endsWith(".json") || n.endsWith(".xml") || n.endsWith(".zip")) {
            return Optional.of(n.substring(n.lastIndexOf('.') + 1));
        }
        return Optional.empty();
    }

    /**
     * Reads a source file of one of the formats of {@link #importKind}. The stream is spooled to a temporary file
     * where the format needs random access (Parquet) or a look ahead (zip, JSON).
     */
    public static void read(String source, InputStream in, ItemSink sink) throws IOException {
        String kind = importKind(source).orElseThrow(() -> new IllegalArgumentException(
                "\"" + source + "\": not a .parquet, .json, .xml or .zip file"));
        Path tmp = Files.createTempFile("refinery-source-", "." + kind);
        try {
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            switch (kind) {
                case "parquet" -> ParquetFormat.read(source, tmp, sink);
                case "xml" -> {
                    try (InputStream f = Files.newInputStream(tmp)) {
                        VocFormat.readXml(source, f, sink);
                    }
                }
                case "json" -> {
                    int first = firstNonBlank(tmp);
                    try (InputStream f = new java.io.BufferedInputStream(Files.newInputStream(tmp))) {
                        if (first == '[') {
                            AlpacaFormat.read(source, f, sink);
                        } else {
                            CocoFormat.read(source, f, sink);
                        }
                    }
                }
                default -> {
                    boolean voc = zipHasVocAnnotations(tmp);
                    try (InputStream f = new java.io.BufferedInputStream(Files.newInputStream(tmp))) {
                        if (voc) {
                            VocFormat.readZip(source, f, sink);
                        } else {
                            YoloFormat.readZip(source, f, sink);
                        }
                    }
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static int firstNonBlank(Path file) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
                    return b;
                }
            }
        }
        return -1;
    }

    private static boolean zipHasVocAnnotations(Path zip) {
        try (var z = new java.util.zip.ZipFile(zip.toFile())) {
            return z.stream().anyMatch(e -> e.getName().toLowerCase(Locale.ROOT).endsWith(".xml"))
                    && z.stream().noneMatch(e -> e.getName().matches("(.*/)?(data\\.ya?ml|classes\\.txt|obj\\.names)"));
        } catch (IOException e) {
            return false;
        }
    }
}
