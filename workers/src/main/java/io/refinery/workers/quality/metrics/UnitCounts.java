package io.refinery.workers.quality.metrics;

import java.math.BigInteger;

/**
 * DKPro keeps one object per annotated unit, so a table of counts is handed to it divided by the greatest common
 * divisor of its cells (the agreement coefficients depend only on proportions). When even that is more than
 * {@link #MAX_UNITS} units, the counts are scaled down proportionally (each non-zero cell keeps at least one unit):
 * memory stays bounded and the coefficient moves by well under 10<sup>-3</sup>.
 */
public final class UnitCounts {
    /** At most this many units are given to DKPro for one coefficient. */
    public static final long MAX_UNITS = 200_000;

    private UnitCounts() {
    }

    /** The reduced counts, same order; all zeros stay zero. */
    public static int[] reduce(long[] counts) {
        BigInteger gcd = BigInteger.ZERO;
        long total = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("negative count " + c);
            }
            gcd = gcd.gcd(BigInteger.valueOf(c));
        }
        int[] out = new int[counts.length];
        if (gcd.signum() == 0) {
            return out;
        }
        long g = gcd.longValue();
        for (long c : counts) {
            total += c / g;
        }
        double scale = total > MAX_UNITS ? (double) MAX_UNITS / total : 1.0;
        for (int i = 0; i < counts.length; i++) {
            long reduced = counts[i] / g;
            out[i] = reduced == 0 ? 0 : (int) Math.max(1, Math.round(reduced * scale));
        }
        return out;
    }
}
