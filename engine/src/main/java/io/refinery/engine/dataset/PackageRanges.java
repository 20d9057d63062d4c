package io.refinery.engine.dataset;

import java.util.Arrays;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The work packages of a version as runs of item ids (first, last), for telling the package of each item while the
 * items stream in id order: one small read of the packages (a million items make ten thousand), then a binary search
 * per item, instead of a package column written into every item.
 */
final class PackageRanges {
    private final long[] ids;
    private final long[] firsts;
    private final long[] lasts;

    private PackageRanges(long[] ids, long[] firsts, long[] lasts) {
        this.ids = ids;
        this.firsts = firsts;
        this.lasts = lasts;
    }

    static PackageRanges of(JdbcTemplate jdbc, long versionId) {
        int n = jdbc.queryForObject("SELECT COUNT(*) FROM work_package WHERE version_id = ? AND first_item_id IS NOT NULL",
                Integer.class, versionId);
        long[] ids = new long[n];
        long[] firsts = new long[n];
        long[] lasts = new long[n];
        int[] k = {0};
        jdbc.query("SELECT id, first_item_id, last_item_id FROM work_package WHERE version_id = ?"
                + " AND first_item_id IS NOT NULL ORDER BY first_item_id", rs -> {
                    if (k[0] < n) { // a package cut after the count comes in the next stream
                        ids[k[0]] = rs.getLong(1);
                        firsts[k[0]] = rs.getLong(2);
                        lasts[k[0]] = rs.getLong(3);
                        k[0]++;
                    }
                }, versionId);
        return new PackageRanges(Arrays.copyOf(ids, k[0]), Arrays.copyOf(firsts, k[0]), Arrays.copyOf(lasts, k[0]));
    }

    /** The package whose run holds {@code itemId}, or null (not cut into a package yet). */
    Long packageOf(long itemId) {
        int at = Arrays.binarySearch(firsts, itemId);
        int i = at >= 0 ? at : -at - 2; // the last package starting at or before the item
        return i >= 0 && itemId <= lasts[i] ? ids[i] : null;
    }
}
