package io.refinery.workflows.releases;

/**
 * The fixed file names of a release folder, written by the release worker and read by the engine (release, catalog):
 * {@code manifest.json} ({@code files[]} with {@code path}, {@code bytes}, {@code sha256}), the datasheet, the
 * quality report in JSON and HTML, and the quarantined rows; data files are named by their export format.
 */
public final class ReleaseFolder {
    public static final String MANIFEST = "manifest.json";
    public static final String DATASHEET = "datasheet.md";
    public static final String QUALITY_REPORT = "quality-report.json";
    public static final String QUALITY_REPORT_HTML = "quality-report.html";
    public static final String QUARANTINE = "quarantine.jsonl";

    private ReleaseFolder() {
    }
}
