package io.refinery.engine.dataset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.BlobStore;
import io.refinery.workflows.answers.AnnotationValues;
import io.refinery.workflows.rows.RowReader;
import io.refinery.workflows.rows.RowRules;
import io.refinery.workflows.rows.RowSample;
import io.refinery.workflows.rows.SourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * What an uploaded source holds before collect runs, read by collect's own row rules: the first rows, the columns,
 * how many rows collect would accept and quarantine, and the first rejections, for the manager who uploaded it.
 */
@Service
public class SourcePreviews {

    /**
     * What a source holds, read by collect's own rules ({@code io.refinery.workflows.rows}): its first rows (the
     * parsed JSON objects; a CSV row maps the header's columns to the values), the columns met in them, how many
     * rows collect would accept and quarantine (the whole file is read, streamed), and the first rejections.
     *
     * @param format {@code jsonl} or {@code csv}; any other source (Parquet, COCO, VOC, YOLO, images) is not read
     *               here: then {@code rows} and {@code problems} are empty, the counts 0 and {@code note} says why
     */
    public record SourcePreview(long sourceId, String name, String format, List<String> columns,
                                List<ObjectNode> rows, long accepted,
                                long quarantined, List<Problem> problems, String note) {
    }

    /** One row collect would quarantine: file, 1-based line, reason. */
    public record Problem(String file, long line, String reason) {
    }

    /** The first rejections a preview lists. */
    public static final int PREVIEW_PROBLEMS = 20;

    private final DatasetRepository datasets;
    private final BlobStore blobs;

    public SourcePreviews(DatasetRepository datasets, BlobStore blobs) {
        this.datasets = datasets;
        this.blobs = blobs;
    }

    /** What source {@code sourceId} of the version holds: its first {@code maxRows} rows (1..1000) and its rejects. */
    public SourcePreview preview(long versionId, long sourceId, int maxRows) throws IOException {
        DatasetRepository.VersionRow version = datasets.version(versionId)
                .orElseThrow(() -> ApiException.notFound("version " + versionId));
        DatasetRepository.SourceRow source = datasets.source(sourceId).filter(s -> s.versionId() == versionId)
                .orElseThrow(() -> ApiException.notFound("source " + sourceId + " of version " + versionId));
        int rowsWanted = Math.max(1, Math.min(maxRows, 1000));
        var format = SourceFormat.fromFileName(source.name());
        if (format.isEmpty()) {
            return new SourcePreview(source.id(), source.name(), null, List.of(), List.of(), 0, 0, List.of(),
                    "the preview reads .jsonl, .ndjson and .csv files; collect reads '" + source.name() + "' by its format");
        }
        RowRules rules;
        if (AnnotationValues.isImage(version.taskType())) {
            java.util.Set<String> images = new java.util.HashSet<>();
            datasets.sources(versionId).stream().map(DatasetRepository.SourceRow::name).filter(Media::isImageName)
                    .forEach(images::add);
            rules = RowRules.images(images);
        } else {
            rules = RowRules.defaults();
        }
        RowSample sample = new RowSample(rowsWanted, PREVIEW_PROBLEMS);
        try (InputStream in = blobs.open(source.sha256())) {
            new RowReader(rules).read(source.name(), in, format.get(), sample);
        }
        java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>();
        sample.rows().forEach(r -> r.row().fieldNames().forEachRemaining(columns::add));
        return new SourcePreview(source.id(), source.name(), format.get().name().toLowerCase(Locale.ROOT),
                List.copyOf(columns), sample.rows().stream().map(RowSample.Row::row).toList(), sample.acceptedCount(),
                sample.quarantinedCount(), sample.rejected().stream()
                        .map(q -> new Problem(q.source(), q.line(), q.reason())).toList(), null);
    }
}
