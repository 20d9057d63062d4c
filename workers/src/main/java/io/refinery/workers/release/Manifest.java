package io.refinery.workers.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.refinery.workflows.releases.ReleaseFolder;
import java.util.List;

/**
 * The content of {@code manifest.json}: every other file of the release, sorted by path; where the release came
 * from ({@code lineage}) and how it was split ({@code splits}), when known.
 */
public record Manifest(String dataset, String version, String createdAt, List<ManifestFile> files,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Lineage lineage,
                       @JsonInclude(JsonInclude.Include.NON_NULL) SplitSummary splits) {

    public static final String FILE_NAME = ReleaseFolder.MANIFEST;

    public Manifest {
        files = List.copyOf(files);
    }

    public Manifest(String dataset, String version, String createdAt, List<ManifestFile> files) {
        this(dataset, version, createdAt, files, null, null);
    }
}
