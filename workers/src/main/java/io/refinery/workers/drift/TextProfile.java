package io.refinery.workers.drift;

import java.util.BitSet;

/**
 * What the reference texts look like, in bounded memory: the mean and spread of log(1 + length) (Welford), the
 * longest length, and the vocabulary as a 2^22-bit hashed set of tokens (512 KiB whatever the data size; a rare
 * hash collision can only make a new token look known). Tokens: runs of letters or digits, lower-cased, and every
 * CJK ideograph on its own.
 */
final class TextProfile {
    private static final int BITS = 1 << 22;
    static final double MIN_SPREAD = 0.25;

    private final BitSet vocabulary = new BitSet(BITS);
    private long count;
    private double mean;
    private double m2;
    private int longest;

    void add(String text) {
        int length = text.codePointCount(0, text.length());
        count++;
        double x = Math.log1p(length);
        double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
        longest = Math.max(longest, length);
        tokens(text, token -> vocabulary.set(slot(token)));
    }

    long count() {
        return count;
    }

    int longest() {
        return longest;
    }

    /**
     * How many standard deviations log(1 + length) lies from the reference mean. The spread counts as at least
     * {@link #MIN_SPREAD}, so that texts of nearly equal length do not make every other length an outlier: 3 of them
     * allow about twice or half the typical length.
     */
    double lengthZ(int length) {
        double sd = count > 1 ? Math.sqrt(m2 / (count - 1)) : 0;
        return Math.abs(Math.log1p(length) - mean) / Math.max(sd, MIN_SPREAD);
    }

    boolean known(String token) {
        return vocabulary.get(slot(token));
    }

    private static int slot(String token) {
        int h = token.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & (BITS - 1);
    }

    interface TokenSink {
        void accept(String token);
    }

    static void tokens(String text, TokenSink sink) {
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isIdeographic(cp)) {
                flush(word, sink);
                sink.accept(new String(Character.toChars(cp)));
            } else if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(Character.toLowerCase(cp));
            } else {
                flush(word, sink);
            }
        });
        flush(word, sink);
    }

    private static void flush(StringBuilder word, TokenSink sink) {
        if (!word.isEmpty()) {
            sink.accept(word.toString());
            word.setLength(0);
        }
    }
}
