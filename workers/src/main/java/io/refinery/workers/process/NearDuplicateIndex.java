package io.refinery.workers.process;

import com.dynatrace.hash4j.similarity.ElementHashProvider;
import com.dynatrace.hash4j.similarity.SimilarityHashPolicy;
import com.dynatrace.hash4j.similarity.SimilarityHasher;
import com.dynatrace.hash4j.similarity.SimilarityHashing;
import com.dynatrace.hash4j.similarity.SuperMinHashVersion;
import java.util.Arrays;

/**
 * Near-duplicate detection by MinHash and LSH over character shingles, in bounded memory.
 * <p>
 * A text's shingles are its runs of {@code shingle} consecutive letters or digits, lower-cased, with white space
 * and punctuation left out (so added punctuation or spacing changes nothing; works alike for Chinese and English).
 * Its {@link Signer#sign signature} is a SuperMinHash sketch (hash4j) of {@value #COMPONENTS} components of 8 bits:
 * 64 bytes. {@link #findOrAdd} looks the signature up in {@code bands} LSH band tables of 4 components each; a
 * candidate is confirmed when the Jaccard similarity estimated from the two signatures is at least the threshold
 * (standard error about 0.05 at 0.8), else the item is added. The first occurrence of a group is kept: only added
 * items are ever matched.
 * <p>
 * Memory: per added item 64 bytes of signature, 8 bytes of caller reference and, per band, one {@code int} slot
 * of an open-addressing table (load 0.25–0.5, so 8–16 bytes); band tables store item ordinals, never texts or
 * keys (a key is recomputed from the stored signature). At threshold 0.8 (8 bands): about 140–200 bytes per
 * item, 140–200 MB per million distinct items. The number of bands grows as the threshold falls so that a pair
 * at the threshold is a candidate with probability ≥ 98%; thresholds below {@value #MIN_THRESHOLD} would need
 * more than the 16 bands the signature holds, and are refused.
 * <p>
 * Deterministic: fixed seeds, and the outcome depends only on the order of {@link #findOrAdd} calls. Signing is
 * thread-safe through one {@link Signer} per thread; {@link #findOrAdd} is not (call it in input order).
 */
public final class NearDuplicateIndex {

    public static final double DEFAULT_THRESHOLD = 0.8;
    public static final int DEFAULT_SHINGLE = 5;
    public static final double MIN_THRESHOLD = 0.7;
    public static final int MAX_SHINGLE = 20;
    static final int COMPONENTS = 64;
    private static final int ROWS = 4;
    private static final int PAGE_BITS = 13;
    private static final int PAGE = 1 << PAGE_BITS;
    /** A component matches by chance with probability 1/256 (8 bits): the estimate corrects for it. */
    private static final double CHANCE = 1.0 / 256;

    static final SimilarityHashPolicy POLICY = SimilarityHashing.superMinHash(COMPONENTS, 8, SuperMinHashVersion.V1);

    /** A confirmed near-duplicate: the caller's reference of the earlier item, and the estimated Jaccard similarity. */
    public record Match(long of, double similarity) {
    }

    private final double threshold;
    private final int shingle;
    private final int bands;
    private final int[][] tables;
    private final int[] free;
    private int mask;
    private byte[][] signatures = new byte[0][];
    private long[][] refs = new long[0][];
    private int size;

    public NearDuplicateIndex() {
        this(DEFAULT_THRESHOLD, DEFAULT_SHINGLE);
    }

    /**
     * @param threshold the Jaccard similarity of shingle sets from which a text is a near-duplicate, in
     *                  [{@value #MIN_THRESHOLD}, 1]
     * @param shingle   characters per shingle, 1–{@value #MAX_SHINGLE}
     */
    public NearDuplicateIndex(double threshold, int shingle) {
        if (!(threshold >= MIN_THRESHOLD && threshold <= 1)) {
            throw new IllegalArgumentException("threshold " + threshold + " must be between " + MIN_THRESHOLD + " and 1");
        }
        if (shingle < 1 || shingle > MAX_SHINGLE) {
            throw new IllegalArgumentException("shingle " + shingle + " must be between 1 and " + MAX_SHINGLE);
        }
        this.threshold = threshold;
        this.shingle = shingle;
        this.bands = bandsFor(threshold);
        this.tables = new int[bands][1024];
        this.free = new int[bands];
        this.mask = 1023;
    }

    /** Fewest bands of 4 components with P(candidate | J = threshold) ≥ 0.98, between 2 and 16. */
    static int bandsFor(double threshold) {
        double miss = 1 - Math.pow(threshold, ROWS);
        int b = miss <= 0 ? 1 : (int) Math.ceil(Math.log(0.02) / Math.log(miss));
        return Math.max(2, Math.min(COMPONENTS / ROWS, b));
    }

    public int bands() {
        return bands;
    }

    public int size() {
        return size;
    }

    /** A new signer for this index's shingle size; use one per thread. */
    public Signer signer() {
        return new Signer(shingle);
    }

    /**
     * The earliest-added item whose signature is at least {@code threshold} similar to {@code signature} (the most
     * similar if several), or null; then {@code signature} is added under {@code ref}.
     */
    public Match findOrAdd(byte[] signature, long ref) {
        if (size + 1 > (mask + 1) / 2) {
            grow();
        }
        int best = -1;
        int bestEqual = -1;
        for (int b = 0; b < bands; b++) {
            int key = bandKey(signature, 0, b);
            int[] table = tables[b];
            int slot = mix(key) & mask;
            free[b] = -1;
            while (table[slot] != 0) {
                int ordinal = table[slot] - 1;
                if (bandKey(page(ordinal), offset(ordinal), b) == key) {
                    int equal = equalComponents(signature, ordinal);
                    if (equal > bestEqual || (equal == bestEqual && ordinal < best)) {
                        best = ordinal;
                        bestEqual = equal;
                    }
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (table[slot] == 0) {
                free[b] = slot;
            }
        }
        if (best >= 0) {
            double similarity = estimate(bestEqual);
            if (similarity >= threshold) {
                return new Match(refs[best >>> PAGE_BITS][best & (PAGE - 1)], similarity);
            }
        }
        add(signature, ref);
        return null;
    }

    /** Jaccard similarity estimated from the number of equal 8-bit components. */
    static double estimate(int equalComponents) {
        return Math.max(0, (equalComponents / (double) COMPONENTS - CHANCE) / (1 - CHANCE));
    }

    private void add(byte[] signature, long ref) {
        int ordinal = size++;
        int page = ordinal >>> PAGE_BITS;
        if (page == signatures.length) {
            signatures = Arrays.copyOf(signatures, page + 1);
            signatures[page] = new byte[PAGE * COMPONENTS];
            refs = Arrays.copyOf(refs, page + 1);
            refs[page] = new long[PAGE];
        }
        System.arraycopy(signature, 0, signatures[page], offset(ordinal), COMPONENTS);
        refs[page][ordinal & (PAGE - 1)] = ref;
        for (int b = 0; b < bands; b++) {
            if (free[b] >= 0) {
                tables[b][free[b]] = ordinal + 1; // a band bucket keeps its first item only
            }
        }
    }

    private void grow() {
        int capacity = (mask + 1) * 2;
        mask = capacity - 1;
        for (int b = 0; b < bands; b++) {
            int[] old = tables[b];
            int[] table = new int[capacity];
            for (int entry : old) {
                if (entry != 0) {
                    int ordinal = entry - 1;
                    int slot = mix(bandKey(page(ordinal), offset(ordinal), b)) & mask;
                    while (table[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    table[slot] = entry;
                }
            }
            tables[b] = table;
        }
    }

    private byte[] page(int ordinal) {
        return signatures[ordinal >>> PAGE_BITS];
    }

    private static int offset(int ordinal) {
        return (ordinal & (PAGE - 1)) * COMPONENTS;
    }

    private int equalComponents(byte[] signature, int ordinal) {
        byte[] page = page(ordinal);
        int at = offset(ordinal);
        int equal = 0;
        for (int i = 0; i < COMPONENTS; i++) {
            if (signature[i] == page[at + i]) {
                equal++;
            }
        }
        return equal;
    }

    /** The 4 components of band {@code band} as one int (8-bit components are bytes, see the test). */
    private static int bandKey(byte[] signature, int at, int band) {
        int i = at + band * ROWS;
        return (signature[i] & 0xFF) << 24 | (signature[i + 1] & 0xFF) << 16 | (signature[i + 2] & 0xFF) << 8
                | (signature[i + 3] & 0xFF);
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** Turns texts into signatures. Not thread-safe: one per thread. */
    public static final class Signer implements ElementHashProvider {
        private final int shingle;
        private final SimilarityHasher hasher = POLICY.createHasher();
        private int[] codePoints = new int[256];
        private long[] hashes = new long[256];
        private int count;

        Signer(int shingle) {
            this.shingle = shingle;
        }

        /** The text's signature, or null if it has no letter or digit (nothing to compare). */
        public byte[] sign(String text) {
            int n = 0;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isLetterOrDigit(cp)) {
                    if (n == codePoints.length) {
                        codePoints = Arrays.copyOf(codePoints, n * 2);
                    }
                    codePoints[n++] = Character.toLowerCase(cp);
                }
            }
            if (n == 0) {
                return null;
            }
            int width = Math.min(shingle, n);
            count = n - width + 1;
            if (hashes.length < count) {
                hashes = new long[Math.max(count, hashes.length * 2)];
            }
            for (int s = 0; s < count; s++) {
                long h = width;
                for (int j = 0; j < width; j++) {
                    h = h * 0x9E3779B97F4A7C15L + codePoints[s + j];
                }
                hashes[s] = h; // SuperMinHash mixes each element hash through its own generator
            }
            return hasher.compute(this);
        }

        @Override
        public long getElementHash(int elementIndex) {
            return hashes[elementIndex];
        }

        @Override
        public int getNumberOfElements() {
            return count;
        }
    }
}
