package io.refinery.workers.process;

import java.util.Arrays;

/**
 * Near-duplicate detection by MinHash and LSH over character shingles, in bounded memory.
 * <p>
 * A text's shingles are its runs of {@code shingle} consecutive letters or digits, lower-cased, with white space
 * and punctuation left out (so added punctuation or spacing changes nothing; works alike for Chinese and English).
 * Its {@link Signer#sign signature} is a MinHash sketch of {@value #COMPONENTS} components of 8 bits: 64 bytes.
 * {@link #findOrAdd} looks the signature up in {@code bands} LSH band tables of 4 components each; a candidate
 * is confirmed when the Jaccard similarity estimated from the two signatures is at least the threshold (standard
 * error about 0.05 at 0.8), else the item is added. The first occurrence of a group is kept: only added items
 * are ever matched.
 * <p>
 * Memory: per added item 64 bytes of signature, 8 bytes of caller reference and, per band, one {@code long} slot
 * (band key and item ordinal) of an open-addressing table at load 0.25–0.5, so 16–32 bytes; no texts. At
 * threshold 0.8 (8 bands): 200–330 bytes per item, about 0.25 GB per million distinct items at most. The number
 * of bands grows as the threshold falls so that a pair at the threshold is a candidate with probability ≥ 98%;
 * thresholds below {@value #MIN_THRESHOLD} would need more than the 16 bands the signature holds, and are refused.
 * <p>
 * Deterministic: fixed hash functions, and the outcome depends only on the order of {@link #findOrAdd} calls.
 * Signing is thread-safe through one {@link Signer} per thread; {@link #findOrAdd} is not (call it in input order).
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

    /** A confirmed near-duplicate: the caller's reference of the earlier item, and the estimated Jaccard similarity. */
    public record Match(long of, double similarity) {
    }

    private final double threshold;
    private final int shingle;
    private final int bands;
    /** Per band: slots of {@code key << 32 | ordinal + 1}, 0 = empty; a bucket keeps its first item only. */
    private final long[][] tables;
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
        this.tables = new long[bands][1024];
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

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "threshold %.2f, %d-char shingles, %d bands of %d of %d components,"
                + " %,d signatures, %,d band slots", threshold, shingle, bands, ROWS, COMPONENTS, size,
                (long) bands * (mask + 1));
    }

    /** A new signer for this index's shingle size; use one per thread. */
    public Signer signer() {
        return new Signer(shingle);
    }

    /**
     * The added item whose signature is most similar to {@code signature} among those sharing a band with it, if
     * at least {@code threshold} similar (ties: the earliest), or null; then {@code signature} is added under
     * {@code ref}.
     */
    public Match findOrAdd(byte[] signature, long ref) {
        if (size + 1 > (mask + 1) / 2) {
            grow();
        }
        int best = -1;
        int bestEqual = -1;
        for (int b = 0; b < bands; b++) {
            int key = bandKey(signature, b);
            long[] table = tables[b];
            int slot = mix(key) & mask;
            free[b] = -1;
            for (long entry = table[slot]; entry != 0; entry = table[slot]) {
                if ((int) (entry >>> 32) == key) {
                    int ordinal = (int) entry - 1;
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
        System.arraycopy(signature, 0, signatures[page], (ordinal & (PAGE - 1)) * COMPONENTS, COMPONENTS);
        refs[page][ordinal & (PAGE - 1)] = ref;
        for (int b = 0; b < bands; b++) {
            if (free[b] >= 0) {
                tables[b][free[b]] = (long) bandKey(signature, b) << 32 | (ordinal + 1L);
            }
        }
    }

    private void grow() {
        int capacity = (mask + 1) * 2;
        mask = capacity - 1;
        for (int b = 0; b < bands; b++) {
            long[] table = new long[capacity];
            for (long entry : tables[b]) {
                if (entry != 0) {
                    int slot = mix((int) (entry >>> 32)) & mask;
                    while (table[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    table[slot] = entry;
                }
            }
            tables[b] = table;
        }
    }

    private int equalComponents(byte[] signature, int ordinal) {
        byte[] page = signatures[ordinal >>> PAGE_BITS];
        int at = (ordinal & (PAGE - 1)) * COMPONENTS;
        int equal = 0;
        for (int i = 0; i < COMPONENTS; i++) {
            if (signature[i] == page[at + i]) {
                equal++;
            }
        }
        return equal;
    }

    /** The 4 components of band {@code band} as one int. */
    private static int bandKey(byte[] signature, int band) {
        int i = band * ROWS;
        return (signature[i] & 0xFF) << 24 | (signature[i + 1] & 0xFF) << 16 | (signature[i + 2] & 0xFF) << 8
                | (signature[i + 3] & 0xFF);
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /**
     * Turns texts into signatures: one-permutation MinHash (Li, Owen and Zhang 2012) with optimal densification
     * (Shrivastava 2017). Each shingle is hashed once; the top 6 bits of the hash pick one of the 64 bins, the
     * smallest remaining value per bin is kept, an empty bin takes the value of the first non-empty bin on its own
     * fixed pseudo-random probe sequence. Each component then equals between two texts with probability close to
     * their Jaccard similarity, as with 64 independent hash functions, at the cost of one hash per shingle. Not
     * thread-safe: one per thread.
     */
    public static final class Signer {
        private static final long EMPTY = Long.MAX_VALUE;
        private final int shingle;
        private final long[] min = new long[COMPONENTS];
        private int[] codePoints = new int[256];

        Signer(int shingle) {
            this.shingle = shingle;
        }

        /** The text's signature ({@value #COMPONENTS} bytes), or null if it has no letter or digit. */
        public byte[] sign(String text) {
            int n = 0;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (cp < 128 ? (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') : Character.isLetterOrDigit(cp)) {
                    if (n == codePoints.length) {
                        codePoints = Arrays.copyOf(codePoints, n * 2);
                    }
                    codePoints[n++] = cp;
                } else if (cp >= 'A' && cp <= 'Z') {
                    if (n == codePoints.length) {
                        codePoints = Arrays.copyOf(codePoints, n * 2);
                    }
                    codePoints[n++] = cp + ('a' - 'A');
                }
            }
            if (n == 0) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                if (codePoints[i] >= 128) {
                    codePoints[i] = Character.toLowerCase(codePoints[i]);
                }
            }
            Arrays.fill(min, EMPTY);
            int width = Math.min(shingle, n);
            for (int s = 0; s + width <= n; s++) {
                long h = width;
                for (int j = 0; j < width; j++) {
                    h = h * 0x9E3779B97F4A7C15L + codePoints[s + j];
                }
                h = mix64(h);
                int bin = (int) (h >>> 58);
                long value = h & 0x03FF_FFFF_FFFF_FFFFL;
                if (value < min[bin]) {
                    min[bin] = value;
                }
            }
            byte[] signature = new byte[COMPONENTS];
            for (int bin = 0; bin < COMPONENTS; bin++) {
                long value = min[bin];
                for (long attempt = 1; value == EMPTY; attempt++) {
                    value = min[(int) (mix64(bin * 0x1_0000_0000L + attempt) >>> 58)];
                }
                signature[bin] = (byte) value;
            }
            return signature;
        }
    }

    /** The finalizer of SplitMix64 / MurmurHash3: every input bit affects every output bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
