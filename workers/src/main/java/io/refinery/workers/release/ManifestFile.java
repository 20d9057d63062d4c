package io.refinery.workers.release;

/** One file of a release: its path relative to the release folder, size in bytes, SHA-256 as lowercase hex. */
public record ManifestFile(String path, long bytes, String sha256) {
}
