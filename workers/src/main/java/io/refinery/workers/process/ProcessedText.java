package io.refinery.workers.process;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One item after the pipeline.
 *
 * @param text            the text after every configured operator (masked even for duplicates, so it is safe to store)
 * @param contentHash     SHA-256 of the text as it was at the {@code dedup} step (normalized, not yet masked, with
 *                        the default order); of the final text when {@code dedup} is not configured
 * @param duplicate       an earlier item had the same content hash (only when {@code dedup} is configured)
 * @param pii             personal data masked in this item, every kind present (all 0 without {@code mask-pii})
 * @param nearDuplicateOf the earlier item this one nearly repeats (only with {@code dedup-near}), else null
 */
public record ProcessedText(String text, String contentHash, boolean duplicate, Map<PiiKind, Integer> pii,
                            NearDuplicateIndex.Match nearDuplicateOf) {

    public ProcessedText {
        EnumMap<PiiKind, Integer> all = new EnumMap<>(PiiKind.class);
        for (PiiKind kind : PiiKind.values()) {
            all.put(kind, pii.getOrDefault(kind, 0));
        }
        pii = Collections.unmodifiableMap(all);
    }

    /** Whether the item is dropped: an exact or a near duplicate. */
    public boolean dropped() {
        return duplicate || nearDuplicateOf != null;
    }
}
