package io.refinery.workers.process;

import java.util.HashSet;
import java.util.Set;

/**
 * Remembers content hashes: the first item with a hash is kept, later ones are duplicates. Holds one hash per
 * distinct item (64 chars), the only per-dataset state of the process step. Deterministic when items are fed
 * in a stable order (e.g. by source and line).
 */
public final class ExactDeduplicator {

    private final Set<String> seen = new HashSet<>();

    /** True if {@code contentHash} was seen before; records it either way. */
    public boolean isDuplicate(String contentHash) {
        return !seen.add(contentHash);
    }

    public int distinctCount() {
        return seen.size();
    }
}
