package io.refinery.engine.dataset;

import java.util.Arrays;
import java.util.List;
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
        List<long[]> rows = jdbc.query("SELECT id, first_item_id, last_item_id FROM work_package WHERE version_id = ?"
                + " AND first_item_id IS NOT NULL ORDER BY first_item_id",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, versionId);
        return new PackageRanges(rows.stream().mapToLong(r -> r[0]).toArray(),
                rows.stream().mapToLong(r -> r[1]).toArray(), rows.stream().mapToLong(r -> r[2]).toArray());
    }

    /** The package whose run holds {@code itemId}, or null (not cut into a package yet). */
    Long packageOf(long itemId) {
        int at = Arrays.binarySearch(firsts, itemId);
        int i = at >= 0 ? at : -at - 2; // the last package starting at or before the item
        return i >= 0 && itemId <= lasts[i] ? ids[i] : null;
    }
}
