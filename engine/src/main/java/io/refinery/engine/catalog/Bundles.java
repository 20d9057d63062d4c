package io.refinery.engine.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.release.ReleaseService;
import io.refinery.engine.release.ReleaseService.Release;
import io.refinery.engine.system.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The zip bundle of a release ({@link ZipBundle}): {@code manifest.json} first, then every file the manifest lists,
 * in its order, under {@code <dataset>-<label>/}. The CRC-32 of each file is computed on the first request and kept
 * in {@code release_bundle_entry} (the folder itself never changes). Also reads HTTP byte ranges.
 */
@Service
public class Bundles {
    /** ETag prefix: the zip layout's version (a new layout must change every ETag). */
    private static final String LAYOUT = "zip1-";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** An inclusive byte range of a representation of {@code length} bytes. */
    public record ByteRange(long first, long last) {
        public long length() {
            return last - first + 1;
        }
    }

    /** The ranges header could not be satisfied (or read): answer 416. */
    public static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable(String message) {
            super(message);
        }
    }

    private final JdbcTemplate jdbc;
    private final ReleaseService releases;
    private final ObjectMapper json;

    public Bundles(JdbcTemplate jdbc, ReleaseService releases, ObjectMapper json) {
        this.jdbc = jdbc;
        this.releases = releases;
        this.json = json;
    }

    public static String etag(Release release) {
        return "\"" + LAYOUT + release.manifestSha256() + "\"";
    }

    public static String fileName(Release release) {
        return folder(release) + ".zip";
    }

    private static String folder(Release release) {
        return release.datasetName().replaceAll("[^\\p{L}\\p{N}._-]+", "-") + "-" + release.label();
    }

    /**
     * Writes the whole bundle of a release the caller has checked access to and logs the download for
     * {@code consumer}; returns the bytes written.
     */
    public long download(Release release, java.io.OutputStream out, String consumer, UsageLog usage) throws IOException {
        ZipBundle zip = bundle(release);
        zip.write(out, 0, zip.length() - 1);
        usage.record(consumer, release.datasetId(), release.id(), release.label(), UsageLog.BUNDLE, "whole bundle (browser)",
                0, zip.length());
        return zip.length();
    }

    ZipBundle bundle(Release release) throws IOException {
        return new ZipBundle(folder(release) + "/", entries(release));
    }

    List<ZipBundle.Entry> entries(Release release) throws IOException {
        Path dir = Path.of(release.path());
        List<ZipBundle.Entry> entries = jdbc.query("SELECT path, bytes, crc32 FROM release_bundle_entry WHERE release_id = ?"
                + " ORDER BY seq", (rs, i) -> new ZipBundle.Entry(rs.getString(1), dir.resolve(rs.getString(1)),
                rs.getLong(2), rs.getLong(3)), release.id());
        if (!entries.isEmpty()) {
            return entries;
        }
        List<String> paths = new ArrayList<>(List.of(ReleaseService.MANIFEST));
        JsonNode manifest = json.valueToTree(releases.manifest(release.id()));
        for (JsonNode f : manifest.path("files")) {
            String path = f.path("path").asText();
            if (!path.equals(ReleaseService.MANIFEST)) {
                paths.add(path);
            }
        }
        List<ZipBundle.Entry> computed = new ArrayList<>();
        for (String path : paths) {
            Path file = dir.resolve(path).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                throw ApiException.conflict("release " + release.label() + " lists '" + path + "', which its folder lacks");
            }
            computed.add(new ZipBundle.Entry(path, file, Files.size(file), crc32(file)));
        }
        try {
            jdbc.batchUpdate("INSERT INTO release_bundle_entry (release_id, seq, path, bytes, crc32) VALUES (?, ?, ?, ?, ?)",
                    java.util.stream.IntStream.range(0, computed.size()).mapToObj(i -> new Object[] {release.id(), i,
                            computed.get(i).path(), computed.get(i).bytes(), computed.get(i).crc32()}).toList());
        } catch (DuplicateKeyException racedWithAnotherRequest) {
            // the same values, computed from the same immutable files
        }
        return computed;
    }

    private static long crc32(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }

    /**
     * The one range of a {@code Range} header over {@code length} bytes: {@code bytes=a-b}, {@code bytes=a-} or
     * {@code bytes=-n} (the last n); null without a header. A malformed, multi-range or unsatisfiable header throws
     * {@link Unsatisfiable} (answered 416 with the length).
     */
    public static ByteRange range(String header, long length) {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw new Unsatisfiable("Range '" + header + "': one range, bytes=first-last, bytes=first- or bytes=-count");
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0) {
                throw new Unsatisfiable("Range '" + header + "': an empty suffix");
            }
            first = Math.max(0, length - suffix);
            last = length - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                throw new Unsatisfiable("Range '" + header + "': last byte before first");
            }
        }
        if (first >= length) {
            throw new Unsatisfiable("Range '" + header + "': the bundle has " + length + " bytes");
        }
        return new ByteRange(first, last);
    }
}
