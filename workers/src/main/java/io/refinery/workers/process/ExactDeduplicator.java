package io.refinery.workers.process;

import java.util.HashSet;
import java.util.Set;

/**
 * Remembers content hashes: the first item with a hash is kept, later ones are duplicates. Deterministic when
 * items are fed in a stable order (e.g. by source and line). A SHA-256 content hash (64 hex digits, as
 * {@link ContentHash} writes it) is kept as its first 128 bits in an open-addressing table: 16 bytes at load
 * 0.25–0.5, so 32–64 bytes per distinct item instead of about 150 for a set of strings (two such hashes sharing
 * 128 bits among a billion items has a probability below 10^-20). Other strings are kept as they are.
 */
public final class ExactDeduplicator {

    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private boolean[] used = new boolean[1024];
    private int hashes;
    private final Set<String> others = new HashSet<>();

    /** True if {@code contentHash} was seen before; records it either way. */
    public boolean isDuplicate(String contentHash) {
        if (contentHash.length() != 64 || !isLowerHex(contentHash)) {
            return !others.add(contentHash);
        }
        return isDuplicate(Long.parseUnsignedLong(contentHash, 0, 16, 16), Long.parseUnsignedLong(contentHash, 16, 32, 16));
    }

    /** True if a content hash starting with these 128 bits was seen before; records it either way. */
    public boolean isDuplicate(long h, long l) {
        if (hashes + 1 > high.length / 2) {
            grow();
        }
        int mask = high.length - 1;
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (used[slot]) {
            if (high[slot] == h && low[slot] == l) {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        high[slot] = h;
        low[slot] = l;
        hashes++;
        return false;
    }

    public int distinctCount() {
        return hashes + others.size();
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        boolean[] oldUsed = used;
        high = new long[oldHigh.length * 2];
        low = new long[oldHigh.length * 2];
        used = new boolean[oldHigh.length * 2];
        int mask = high.length - 1;
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldUsed[i]) {
                int slot = (int) (oldHigh[i] ^ (oldHigh[i] >>> 32)) & mask;
                while (used[slot]) {
                    slot = (slot + 1) & mask;
                }
                used[slot] = true;
                high[slot] = oldHigh[i];
                low[slot] = oldLow[i];
            }
        }
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
