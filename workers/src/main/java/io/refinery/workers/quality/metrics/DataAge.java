package io.refinery.workers.quality.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Timeliness: the age of the items' data at QC time, in whole days, as a histogram (one counter per distinct day),
 * so the median and maximum are exact to the day in bounded memory.
 */
public final class DataAge {

    /** @param items items with a known time; p50Days and maxDays {@code null} without any */
    public record Result(long items, Long p50Days, Long maxDays, Instant oldest, Instant newest) {
    }

    private final Instant now;
    private final TreeMap<Long, Long> days = new TreeMap<>();
    private Instant oldest;
    private Instant newest;

    public DataAge(Instant now) {
        this.now = now;
    }

    /** @param when when the item's data was collected; {@code null} is skipped */
    public void add(Instant when) {
        if (when == null) {
            return;
        }
        long age = Math.max(0, Duration.between(when, now).toDays());
        days.merge(age, 1L, Long::sum);
        oldest = oldest == null || when.isBefore(oldest) ? when : oldest;
        newest = newest == null || when.isAfter(newest) ? when : newest;
    }

    public Result result() {
        long n = days.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return new Result(0, null, null, null, null);
        }
        long half = (n + 1) / 2; // the lower median for an even count
        long seen = 0;
        Long p50 = null;
        for (Map.Entry<Long, Long> e : days.entrySet()) {
            seen += e.getValue();
            if (seen >= half) {
                p50 = e.getKey();
                break;
            }
        }
        return new Result(n, p50, days.lastKey(), oldest, newest);
    }
}
