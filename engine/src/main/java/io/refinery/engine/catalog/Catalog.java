package io.refinery.engine.catalog;

import io.refinery.engine.dataset.DatasetVersions;
import io.refinery.engine.release.ReleaseService.Release;
import io.refinery.engine.release.ReleaseService;
import io.refinery.engine.release.VersionLabel;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.workflows.releases.ReleaseFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The catalog as one user may see it: datasets with their released versions (all of them for managers, admins and
 * experts; the versions their grants cover for everybody else), a release's files, and the manager's "next release
 * is a new major" switch.
 */
@Service
public class Catalog {
    public static final String REPORT_JSON = ReleaseFolder.QUALITY_REPORT;
    public static final String REPORT_HTML = ReleaseFolder.QUALITY_REPORT_HTML;
    public static final String DATASHEET = ReleaseFolder.DATASHEET;
    /** Text files shown in the catalog are read up to this size. */
    static final int MAX_TEXT_BYTES = 2 * 1024 * 1024;

    /** A dataset with its visible releases, oldest version first. */
    public record DatasetEntry(long id, String name, String taskType, Integer nextMajor, String nextLabel,
                               List<Release> releases) {
    }

    private final JdbcTemplate jdbc;
    private final ReleaseService releases;
    private final Grants grants;
    private final DatasetVersions datasets;

    public Catalog(JdbcTemplate jdbc, ReleaseService releases, Grants grants, DatasetVersions datasets) {
        this.jdbc = jdbc;
        this.datasets = datasets;
        this.releases = releases;
        this.grants = grants;
    }

    public List<DatasetEntry> datasets(CurrentUser user) {
        Map<Long, List<Release>> byDataset = new LinkedHashMap<>();
        Map<Long, List<String>> allLabels = new LinkedHashMap<>();
        List<Grants.Grant> mine = Consumers.seesAll(user) ? List.of() : grants.active(Consumers.of(user));
        for (Release r : releases.all()) {
            allLabels.computeIfAbsent(r.datasetId(), k -> new ArrayList<>()).add(r.label());
            if (Consumers.seesAll(user) || mine.stream().anyMatch(g -> g.covers(r.datasetId(), r.label()))) {
                byDataset.computeIfAbsent(r.datasetId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<DatasetEntry> result = new ArrayList<>();
        jdbc.query("SELECT id, name, task_type, next_major FROM dataset ORDER BY name", rs -> {
            long id = rs.getLong(1);
            List<Release> visible = byDataset.get(id);
            if (visible == null && !Consumers.seesAll(user)) {
                return;
            }
            if (visible == null) {
                visible = List.of();
            }
            List<Release> sorted = visible.stream()
                    .sorted(Comparator.comparing(r -> VersionLabel.parse(r.label()))).toList();
            int major = rs.getInt(4);
            Integer nextMajor = rs.wasNull() ? null : major;
            List<String> labels = allLabels.getOrDefault(id, List.of());
            result.add(new DatasetEntry(id, rs.getString(2), rs.getString(3), nextMajor,
                    VersionLabel.next(labels, nextMajor).toString(), sorted));
        });
        return result;
    }

    /** The release when the user may see it: 404 when it does not exist, 403 when no grant covers it. */
    public Release release(CurrentUser user, long releaseId) {
        Release release = releases.byId(releaseId).orElseThrow(() -> ApiException.notFound("release " + releaseId));
        if (!Consumers.seesAll(user) && !grants.mayRead(user, release.datasetId(), release.label())) {
            throw ApiException.forbidden("no grant of yours covers " + release.datasetName() + " " + release.label());
        }
        return release;
    }

    /** The release when the user may read its data (items, bundle): managers, admins, or a grant covering it. */
    public Release readable(CurrentUser user, long releaseId) {
        Release release = releases.byId(releaseId).orElseThrow(() -> ApiException.notFound("release " + releaseId));
        if (!grants.mayRead(user, release.datasetId(), release.label())) {
            throw ApiException.forbidden("no grant of yours covers " + release.datasetName() + " " + release.label());
        }
        return release;
    }

    public Map<String, Object> manifest(CurrentUser user, long releaseId) throws IOException {
        release(user, releaseId);
        return releases.manifest(releaseId);
    }

    /** A text file of the release (datasheet, JSON report), or empty when the release has none. */
    public Optional<String> text(CurrentUser user, long releaseId, String name) throws IOException {
        Optional<Path> file = file(user, releaseId, name);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (var in = Files.newInputStream(file.get())) {
            byte[] bytes = in.readNBytes(MAX_TEXT_BYTES);
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** A file of the release the user may see, or empty when the release does not have it. */
    public Optional<Path> file(CurrentUser user, long releaseId, String name) {
        Release release = release(user, releaseId);
        Path file = Path.of(release.path()).resolve(name).normalize();
        if (!file.startsWith(Path.of(release.path()).normalize()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** "The next release of this dataset is {@code major}.0" (null clears it); must be above the latest major. */
    public DatasetEntry setNextMajor(CurrentUser user, long datasetId, Integer major) {
        if (!datasets.datasetExists(datasetId)) {
            throw ApiException.notFound("dataset " + datasetId);
        }
        if (major != null) {
            int latest = releases.all().stream().filter(r -> r.datasetId() == datasetId)
                    .mapToInt(r -> VersionLabel.parse(r.label()).major()).max().orElse(0);
            if (major <= latest || major > 999) {
                throw ApiException.badRequest("nextMajor " + major + ": must be above the latest major version ("
                        + latest + ") and at most 999");
            }
        }
        datasets.setNextMajor(datasetId, major);
        return datasets(user).stream().filter(d -> d.id() == datasetId).findFirst().orElseThrow();
    }
}
