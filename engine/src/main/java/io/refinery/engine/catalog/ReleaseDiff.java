package io.refinery.engine.catalog;

import io.refinery.engine.release.ReleaseService.Release;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What changed between two released versions of a dataset. Items are matched by content hash (the SHA-256 of the
 * normalized text, unique per version): added = only in {@code to}, removed = only in {@code from}, relabelled = in
 * both with another final answer. The database does the matching (a join on the (version, content hash) index) and
 * the counting; nothing is loaded item by item. The class shift compares per-class counts and shares, summed up as
 * the total variation distance ½·Σ|p_from − p_to| (0 = same distribution, 1 = disjoint).
 */
@Service
public class ReleaseDiff {
    /** Released rows of a version: those with a final answer (what data.jsonl holds). */
    static final String RELEASED = io.refinery.engine.dataset.ItemRepository.HAS_ANSWER;
    static final String NO_CLASS = "(none)";
    static final int EXAMPLES = 20;

    public record Side(long releaseId, String label, long items) {
    }

    public record ClassShift(String label, long from, long to, long delta, double fromShare, double toShare) {
    }

    public record Relabelled(String contentHash, String text, String from, String to) {
    }

    public record Diff(String dataset, Side from, Side to, long added, long removed, long relabelled, long unchanged,
                       List<ClassShift> classes, double totalVariationDistance, List<Relabelled> relabelledExamples) {
    }

    private final JdbcTemplate jdbc;
    private final Catalog catalog;

    public ReleaseDiff(JdbcTemplate jdbc, Catalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    public Diff diff(CurrentUser user, long fromReleaseId, long toReleaseId) {
        Release from = catalog.release(user, fromReleaseId);
        Release to = catalog.release(user, toReleaseId);
        if (from.datasetId() != to.datasetId()) {
            throw ApiException.badRequest("releases " + fromReleaseId + " and " + toReleaseId
                    + " belong to different datasets; a diff compares two versions of one dataset");
        }
        long fromCount = count(from.versionId());
        long toCount = count(to.versionId());
        String join = """
                FROM item a JOIN item b ON b.version_id = ? AND b.content_hash = a.content_hash
                WHERE a.version_id = ? AND (a.final_label IS NOT NULL OR a.final_value_json IS NOT NULL)
                  AND (b.final_label IS NOT NULL OR b.final_value_json IS NOT NULL)""";
        String changed = "(COALESCE(a.final_label, '') <> COALESCE(b.final_label, '')"
                + " OR COALESCE(a.final_value_json, '') <> COALESCE(b.final_value_json, ''))";
        long[] common = jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(CASE WHEN " + changed + " THEN 1 ELSE 0 END), 0) "
                + join, (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}, to.versionId(), from.versionId());
        List<Relabelled> examples = jdbc.query("SELECT a.content_hash, b.text, COALESCE(a.final_label, a.final_value_json),"
                        + " COALESCE(b.final_label, b.final_value_json) " + join + " AND " + changed
                        + " ORDER BY a.id LIMIT " + EXAMPLES,
                (rs, i) -> new Relabelled(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                to.versionId(), from.versionId());
        Map<String, Long> fromClasses = classes(from.versionId());
        Map<String, Long> toClasses = classes(to.versionId());
        List<ClassShift> shift = new ArrayList<>();
        double tvd = 0;
        for (String label : new TreeSet<>(union(fromClasses, toClasses))) {
            long a = fromClasses.getOrDefault(label, 0L);
            long b = toClasses.getOrDefault(label, 0L);
            double pa = fromCount == 0 ? 0 : (double) a / fromCount;
            double pb = toCount == 0 ? 0 : (double) b / toCount;
            tvd += Math.abs(pa - pb);
            shift.add(new ClassShift(label, a, b, b - a, pa, pb));
        }
        return new Diff(from.datasetName(), new Side(from.id(), from.label(), fromCount),
                new Side(to.id(), to.label(), toCount), toCount - common[0], fromCount - common[0], common[1],
                common[0] - common[1], shift, tvd / 2, examples);
    }

    private static TreeSet<String> union(Map<String, Long> a, Map<String, Long> b) {
        TreeSet<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    private long count(long versionId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM item WHERE version_id = ? AND " + RELEASED, Long.class, versionId);
        return n == null ? 0 : n;
    }

    /** Items per final label; other task types (no single label) count as {@value #NO_CLASS}. */
    private Map<String, Long> classes(long versionId) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT final_label, COUNT(*) FROM item WHERE version_id = ? AND " + RELEASED + " GROUP BY final_label",
                rs -> {
                    String label = rs.getString(1);
                    counts.merge(label == null ? NO_CLASS : label, rs.getLong(2), Long::sum);
                }, versionId);
        return counts;
    }
}
