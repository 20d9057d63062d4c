package io.refinery.workers.process;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Unicode NFKC (full-width letters and digits become ASCII, NBSP and U+3000 become spaces, ligatures split),
 * then every run of Unicode white space (property White_Space: tabs, line breaks, NBSP, U+2000–U+200A,
 * U+3000, ...) becomes one ASCII space, then trim.
 */
public final class TextNormalizer {

    private static final Pattern WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}+");

    public String normalize(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return WHITE_SPACE.matcher(nfkc).replaceAll(" ").strip();
    }
}
