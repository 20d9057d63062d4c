package io.refinery.workflows.text;

import java.text.Normalizer;

/**
 * Unicode NFKC (full-width letters and digits become ASCII, NBSP and U+3000 become spaces, ligatures split),
 * then every run of Unicode white space (property White_Space: tabs, line breaks, NBSP, U+2000–U+200A,
 * U+3000, ...) becomes one ASCII space, then trim. One pass over the text, no regular expression; a text that
 * needs no change is returned as it is.
 */
public final class TextNormalizer {

    public String normalize(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        int length = nfkc.length();
        StringBuilder out = null;
        boolean inSpace = false;
        for (int i = 0; i < length; i++) {
            char c = nfkc.charAt(i);
            boolean space = isWhiteSpace(c);
            if (out == null && space && (c != ' ' || inSpace || i == 0 || i == length - 1)) {
                out = new StringBuilder(length).append(nfkc, 0, i);
            }
            if (out != null && !(space && inSpace)) {
                out.append(space ? ' ' : c);
            }
            inSpace = space;
        }
        return (out == null ? nfkc : out.toString()).strip();
    }

    /** Unicode property White_Space (all of it is in the Basic Multilingual Plane). */
    static boolean isWhiteSpace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
        if (c < 0x85) {
            return false;
        }
        return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }
}
