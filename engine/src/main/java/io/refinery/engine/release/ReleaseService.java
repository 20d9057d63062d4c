package io.refinery.engine.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.dataset.DatasetItems;
import io.refinery.engine.dataset.DatasetRepository;
import io.refinery.engine.dataset.DatasetVersions;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.RefineryProperties;
import io.refinery.engine.system.Sha256;
import io.refinery.workflows.releases.ReleaseFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Releases are folders {@code <data>/releases/<dataset>/<label>/} that never change once sealed. The release
 * worker uploads the files into a staging folder, then seals: every file must match {@code manifest.json}
 * (bytes and SHA-256), the folder is moved into place in one rename, and the catalog row is written.
 */
@Service
public class ReleaseService {
    public static final String MANIFEST = ReleaseFolder.MANIFEST;

    public record Release(long id, long versionId, long datasetId, String datasetName, String label, String path,
                          long itemCount, String manifestSha256, String releasedBy, Instant releasedAt) {
    }

    private final JdbcTemplate jdbc;
    private final DatasetVersions datasets;
    private final DatasetItems items;
    private final RefineryProperties properties;
    private final ObjectMapper json;

    public ReleaseService(JdbcTemplate jdbc, DatasetVersions datasets, DatasetItems items,
                          RefineryProperties properties, ObjectMapper json) {
        this.jdbc = jdbc;
        this.datasets = datasets;
        this.items = items;
        this.properties = properties;
        this.json = json;
    }

    private DatasetRepository.VersionRow version(long versionId) {
        return datasets.version(versionId).orElseThrow(() -> ApiException.notFound("dataset version " + versionId));
    }

    Path datasetDir(DatasetRepository.VersionRow v) {
        return properties.releaseDir().resolve(v.datasetName().replace(' ', '-'));
    }

    Path staging(DatasetRepository.VersionRow v) {
        return datasetDir(v).resolve(".staging-version-" + v.id());
    }

    static void checkName(String name) {
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
            throw ApiException.badRequest("release file name '" + name + "': lower-case letters, digits, '.', '_', '-'");
        }
    }

    /** Stores one file into staging; returns its SHA-256. After sealing, only the identical file is accepted. */
    public String putFile(long versionId, String name, InputStream in) throws IOException {
        checkName(name);
        DatasetRepository.VersionRow v = version(versionId);
        Optional<Release> sealed = forVersion(versionId);
        if (sealed.isPresent()) {
            Path existing = Path.of(sealed.get().path()).resolve(name);
            String sha = Sha256.of(in);
            if (Files.exists(existing) && sha.equals(Sha256.of(existing))) {
                return sha;
            }
            throw ApiException.conflict("release " + sealed.get().label() + " of version " + versionId
                    + " is sealed; its files never change");
        }
        Path dir = staging(v);
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".upload-", ".part");
        MessageDigest sha = Sha256.digest();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
            in.transferTo(out);
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        Path recorded = dir.resolve(HASH_PREFIX + name);
        Files.deleteIfExists(recorded); // a replaced file is hashed again at the seal unless its new hash is recorded
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path recording = Files.createTempFile(dir, ".upload-", ".sha256");
        Files.writeString(recording, hex + " " + Files.size(dir.resolve(name)));
        Files.move(recording, recorded, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return hex;
    }

    /**
     * Beside each staged file, the SHA-256 and size the engine computed while receiving it (a name no upload can
     * have), so that sealing a release of hundreds of megabytes does not read and hash every file a second time.
     */
    private static final String HASH_PREFIX = ".sha256-";

    /** The file's SHA-256: as recorded when it was received if that record still matches its size, else read again. */
    private static String stagedSha256(Path dir, Path file) throws IOException {
        Path recorded = dir.resolve(HASH_PREFIX + file.getFileName());
        if (Files.isRegularFile(recorded)) {
            String[] hashAndSize = Files.readString(recorded).strip().split(" ");
            if (hashAndSize.length == 2 && hashAndSize[1].equals(String.valueOf(Files.size(file)))) {
                return hashAndSize[0];
            }
        }
        return Sha256.of(file);
    }

    /**
     * Checks staging against its manifest (every listed file there, with the size and SHA-256 it had when the engine
     * received it), moves it into place, records the release. Idempotent.
     */
    @Transactional
    public Release seal(long versionId, long itemCount, String user) throws IOException {
        Optional<Release> existing = forVersion(versionId);
        if (existing.isPresent()) {
            return existing.get();
        }
        DatasetRepository.VersionRow v = version(versionId);
        long answered = items.countAnswered(versionId);
        if (answered != itemCount) {
            throw ApiException.conflict("the release lists " + itemCount + " items, but version " + versionId + " has "
                    + answered + " items with a final answer: the item stream was cut short or changed while it was"
                    + " written; run the release step again");
        }
        Path dir = staging(v);
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.exists(manifestFile)) {
            throw ApiException.conflict("nothing to seal: upload the files and " + MANIFEST + " first");
        }
        JsonNode manifest = json.readTree(manifestFile.toFile());
        Set<String> listed = new HashSet<>();
        for (JsonNode f : manifest.path("files")) {
            String path = f.path("path").asText();
            Path file = dir.resolve(path).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                throw ApiException.conflict(MANIFEST + " lists '" + path + "', which was not uploaded");
            }
            if (Files.size(file) != f.path("bytes").asLong()
                    || !stagedSha256(dir, file).equals(f.path("sha256").asText())) {
                throw ApiException.conflict("'" + path + "' does not match " + MANIFEST + " (bytes or sha256)");
            }
            listed.add(path);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".upload-") || name.startsWith(HASH_PREFIX)) {
                    Files.delete(f);
                } else if (!name.equals(MANIFEST) && !listed.contains(name)) {
                    throw ApiException.conflict("'" + name + "' was uploaded but is not listed in " + MANIFEST);
                }
            }
        }
        String label = nextDatasetLabel(v.datasetId());
        Path target = datasetDir(v).resolve(label);
        jdbc.update("INSERT INTO dataset_release (version_id, dataset_id, label, path, item_count, manifest_sha256,"
                        + " released_by, released_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", versionId, v.datasetId(), label,
                target.toAbsolutePath().normalize().toString(), itemCount, Sha256.of(manifestFile), user,
                Timestamp.from(Instant.now()));
        datasets.setStatus(versionId, "RELEASED");
        Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> files = Files.list(target)) {
            files.forEach(f -> f.toFile().setWritable(false, false));
        }
        return forVersion(versionId).orElseThrow();
    }

    /** The label version {@code versionId} gets when sealed now. */
    public String nextLabel(long versionId) {
        return forVersion(versionId).map(Release::label).orElseGet(() -> nextDatasetLabel(version(versionId).datasetId()));
    }

    /** 1.0 for a dataset's first release, then 1.1, 1.2, ...; 2.0 once a manager set the dataset's next major to 2. */
    String nextDatasetLabel(long datasetId) {
        List<String> labels = jdbc.queryForList("SELECT label FROM dataset_release WHERE dataset_id = ?", String.class,
                datasetId);
        List<Integer> nextMajor = jdbc.queryForList("SELECT next_major FROM dataset WHERE id = ?", Integer.class, datasetId);
        return VersionLabel.next(labels, nextMajor.isEmpty() ? null : nextMajor.get(0)).toString();
    }

    private static final String SELECT = """
            SELECT r.id, r.version_id, r.dataset_id, d.name, r.label, r.path, r.item_count, r.manifest_sha256,
                   r.released_by, r.released_at
            FROM dataset_release r JOIN dataset d ON d.id = r.dataset_id""";

    private static Release row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Release(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant());
    }

    public Optional<Release> forVersion(long versionId) {
        return jdbc.query(SELECT + " WHERE r.version_id = ?", ReleaseService::row, versionId).stream().findFirst();
    }

    public Optional<Release> byId(long id) {
        return jdbc.query(SELECT + " WHERE r.id = ?", ReleaseService::row, id).stream().findFirst();
    }

    public List<Release> all() {
        return jdbc.query(SELECT + " ORDER BY r.released_at DESC", ReleaseService::row);
    }

    /** A file of a sealed release; 404 for anything not listed in its folder. */
    public Path file(long releaseId, String name) {
        checkName(name);
        Release release = byId(releaseId).orElseThrow(() -> ApiException.notFound("release " + releaseId));
        Path file = Path.of(release.path()).resolve(name);
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound("file '" + name + "' of release " + releaseId);
        }
        return file;
    }

    public Map<String, Object> manifest(long releaseId) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = json.readValue(file(releaseId, MANIFEST).toFile(), Map.class);
        return manifest;
    }

}
