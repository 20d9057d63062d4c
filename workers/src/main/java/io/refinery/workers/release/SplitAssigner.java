package io.refinery.workers.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.formats.DataItem;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded, stratified train/validation/test assignment in one streaming pass and bounded memory.
 * <p>
 * The items of each stratum (class) are taken in arrival order (item order, which is stable) and cut into blocks
 * of {@code B} items, {@code B = 100 / gcd(train%, validation%, test%, 100)} (10 for 80/10/10). In each block a
 * seeded random permutation — seeded by (seed, stratum, block number) — decides which positions go to train,
 * validation and test, in exactly the block's quotas (8/1/1). So every class is split in the asked proportions to
 * within one item per split, the assignment looks random inside each class, the same input and seed always give
 * the same split, and only one permutation of {@code B} slots per class is held. No class counts are needed up
 * front; the price is that a class's last, partial block is assigned at random within its quotas (a class of 5
 * items gets about 4/0.5/0.5). The seed comes from the demand, else the version id.
 * <p>
 * The stratum of an item: its label; for answers with several labels (boxes, spans, multi-label) the most
 * frequent label (ties: the first in alphabetical order), {@code (none)} when empty; {@code (all)} for answers
 * without labels (instruction data).
 */
public final class SplitAssigner {

    private final long seed;
    private final int block;
    private final String[] slots;
    private final Map<String, Stratum> strata = new HashMap<>();
    private final Map<String, Map<String, Long>> counts = new TreeMap<>();

    private static final class Stratum {
        long seen;
        int[] permutation;
    }

    /** @param train percent, {@code train + validation + test == 100} */
    public SplitAssigner(int train, int validation, int test, long seed) {
        if (train < 0 || validation < 0 || test < 0 || train + validation + test != 100) {
            throw new IllegalArgumentException("split percentages must be >= 0 and sum to 100: " + train + "/"
                    + validation + "/" + test);
        }
        this.seed = seed;
        int g = gcd(gcd(gcd(train, validation), test), 100);
        this.block = 100 / g;
        this.slots = new String[block];
        int t = train / g;
        int v = validation / g;
        for (int i = 0; i < block; i++) {
            slots[i] = i < t ? DataItem.TRAIN : i < t + v ? DataItem.VALIDATION : DataItem.TEST;
        }
    }

    public int blockSize() {
        return block;
    }

    /** The split of the next item of {@code stratum}. */
    public String next(String stratum) {
        Stratum s = strata.computeIfAbsent(stratum, k -> new Stratum());
        int pos = (int) (s.seen % block);
        if (pos == 0) {
            s.permutation = permutation(stratum, s.seen / block);
        }
        s.seen++;
        String split = slots[s.permutation[pos]];
        counts.computeIfAbsent(split, k -> new TreeMap<>()).merge(stratum, 1L, Long::sum);
        return split;
    }

    /** Items given so far per split and stratum, sorted. */
    public Map<String, Map<String, Long>> counts() {
        return counts;
    }

    private int[] permutation(String stratum, long blockNumber) {
        SplittableRandom random = new SplittableRandom(mix(seed, stratum.hashCode(), blockNumber));
        int[] p = new int[block];
        for (int i = 0; i < block; i++) {
            p[i] = i;
        }
        for (int i = block - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private static long mix(long seed, int stratum, long blockNumber) {
        long h = seed * 0x9E3779B97F4A7C15L + stratum;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + blockNumber;
        return h ^ (h >>> 29);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The stratum of an item by its label or answer (see the class comment). */
    public static String stratum(String label, JsonNode annotation) {
        if (label != null) {
            return label;
        }
        var classes = ReleaseHandler.classesOf(null, annotation);
        if (classes.isEmpty()) {
            return annotation != null && annotation.has("instruction") ? "(all)" : "(none)";
        }
        Map<String, Integer> freq = new TreeMap<>();
        classes.forEach(c -> freq.merge(c, 1, Integer::sum));
        String best = null;
        for (var e : freq.entrySet()) {
            if (best == null || e.getValue() > freq.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }
}
