package io.refinery.workers.release;

import java.util.List;

/** The content of {@code manifest.json}: every other file of the release, sorted by path. */
public record Manifest(String dataset, String version, String createdAt, List<ManifestFile> files) {

    public static final String FILE_NAME = "manifest.json";

    public Manifest {
        files = List.copyOf(files);
    }
}
