package io.refinery.workers.process;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of a process step. PII is counted for kept items only (duplicates are dropped by the caller).
 *
 * @param input          items given to the pipeline
 * @param kept           items that are neither exact nor near duplicates
 * @param duplicates     items whose content hash was seen before
 * @param nearDuplicates items similar enough to an earlier kept item (operator {@code dedup-near})
 * @param piiByKind      personal data masked in kept items, every kind present
 * @param piiTotal       sum of {@code piiByKind}
 */
public record ProcessStats(long input, long kept, long duplicates, long nearDuplicates, Map<PiiKind, Long> piiByKind,
                           long piiTotal) {

    public ProcessStats {
        EnumMap<PiiKind, Long> all = new EnumMap<>(PiiKind.class);
        for (PiiKind kind : PiiKind.values()) {
            all.put(kind, piiByKind.getOrDefault(kind, 0L));
        }
        piiByKind = Collections.unmodifiableMap(all);
    }
}
