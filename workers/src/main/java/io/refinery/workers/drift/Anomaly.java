package io.refinery.workers.drift;

/**
 * Why a new item looks unlike the reference data; the first that applies counts. An item is anomalous when its text
 * is {@link #EMPTY} (blank after trimming), {@link #TOO_LONG} (longer than twice the longest reference text),
 * {@link #LENGTH_OUTLIER} (log(1 + length) more than 3 standard deviations from the reference mean, the deviation counted as at least
 * 0.25) or
 * {@link #OUT_OF_VOCABULARY} (at least half of its tokens never occur in the reference texts). The anomaly ratio is
 * the share of new items that are anomalous.
 */
public enum Anomaly {
    EMPTY, TOO_LONG, LENGTH_OUTLIER, OUT_OF_VOCABULARY;

    static final double MAX_LENGTH_Z = 3.0;
    static final double MAX_UNKNOWN_TOKEN_SHARE = 0.5;

    /** The anomaly of {@code text} against {@code reference}, or null for an ordinary text. */
    static Anomaly of(String text, TextProfile reference) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        int length = text.codePointCount(0, text.length());
        if (length > 2L * reference.longest()) {
            return TOO_LONG;
        }
        if (reference.lengthZ(length) > MAX_LENGTH_Z) {
            return LENGTH_OUTLIER;
        }
        long[] tokens = new long[2];
        TextProfile.tokens(text, token -> {
            tokens[0]++;
            if (!reference.known(token)) {
                tokens[1]++;
            }
        });
        return tokens[0] > 0 && tokens[1] >= MAX_UNKNOWN_TOKEN_SHARE * tokens[0] ? OUT_OF_VOCABULARY : null;
    }
}
