package io.refinery.workflows.rows;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts of one read.
 *
 * @param accepted            rows given to {@link RowSink#accepted}
 * @param quarantined         rows given to {@link RowSink#quarantined} (a CSV header line counts as a row only when rejected)
 * @param blank               blank lines skipped
 * @param quarantinedByReason quarantined rows per {@link QuarantineReason#category()}, sorted by category
 */
public record CollectStats(long accepted, long quarantined, long blank, SortedMap<String, Long> quarantinedByReason) {

    public CollectStats {
        quarantinedByReason = Collections.unmodifiableSortedMap(new TreeMap<>(quarantinedByReason));
    }

    public static CollectStats empty() {
        return new CollectStats(0, 0, 0, new TreeMap<>());
    }

    /** Sum of two reads, e.g. of several sources of one build. */
    public CollectStats plus(CollectStats other) {
        TreeMap<String, Long> reasons = new TreeMap<>(quarantinedByReason);
        other.quarantinedByReason.forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
        return new CollectStats(accepted + other.accepted, quarantined + other.quarantined, blank + other.blank,
                reasons);
    }

    /** Mutable counter used while reading. */
    public static final class Counter {
        private long accepted;
        private long quarantined;
        private long blank;
        private final TreeMap<String, Long> reasons = new TreeMap<>();

        public void accepted() {
            accepted++;
        }

        public void blank() {
            blank++;
        }

        public void quarantined(QuarantineReason reason) {
            quarantined++;
            reasons.merge(reason.category(), 1L, Long::sum);
        }

        public CollectStats snapshot() {
            return new CollectStats(accepted, quarantined, blank, reasons);
        }
    }
}
