package io.refinery.workers.process;

import java.util.EnumMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and counts it. Checks, in order:
 * <ol>
 *   <li>e-mail addresses → {@code [EMAIL]};</li>
 *   <li>each maximal run of ASCII digits (so never adjacent to another digit):
 *     <ul>
 *       <li>18 chars = 17 digits + check digit or X/x, a resident ID by GB 11643-1999 (region code, a real birth
 *           date and the check char, {@link PiiChecksums#isValidResidentId}) → {@code [ID_CARD]};
 *           17 digits + X/x with a wrong checksum is left untouched;</li>
 *       <li>11 digits {@code 1[3-9]\d{9}}, optionally preceded by {@code +86}, {@code +86 } or {@code +86-}
 *           (also written as one run {@code +86138...}) → {@code [PHONE]};</li>
 *       <li>16–19 digits with a valid Luhn check digit → {@code [BANK_CARD]}.</li>
 *     </ul></li>
 * </ol>
 * Runs failing their checksum stay as they are. Expects NFKC text (full-width digits are not digits here).
 * Phone numbers written with inner separators ({@code 138-1234-5678}) are not recognised. The e-mail pattern runs
 * only on texts with an {@code @}; digit runs are found by a plain scan.
 */
public final class PiiMasker {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    private final java.util.Set<PiiKind> kinds;

    /** Masks every kind. */
    public PiiMasker() {
        this(java.util.EnumSet.allOf(PiiKind.class));
    }

    /** Masks only these kinds (option {@code kinds} of operator mask-pii); the others stay as they are. */
    public PiiMasker(java.util.Set<PiiKind> kinds) {
        this.kinds = java.util.EnumSet.noneOf(PiiKind.class);
        this.kinds.addAll(kinds);
    }

    public MaskedText mask(String text) {
        EnumMap<PiiKind, Integer> counts = new EnumMap<>(PiiKind.class);
        String s = kinds.contains(PiiKind.EMAIL) && text.indexOf('@') >= 0 ? maskEmails(text, counts) : text;
        StringBuilder out = null;
        int last = 0;
        for (int end = 0; end < s.length(); ) {
            if (!isDigitAt(s, end)) {
                end++;
                continue;
            }
            int start = end;
            while (isDigitAt(s, end)) {
                end++;
            }
            int length = end - start;
            int from = start;
            int to = end;
            PiiKind kind = null;
            boolean checkCharFollows = end < s.length() && (s.charAt(end) == 'X' || s.charAt(end) == 'x')
                    && !isDigitAt(s, end + 1);
            if (length == 17 && checkCharFollows) {
                if (PiiChecksums.isValidResidentId(s.substring(start, end + 1))) {
                    kind = PiiKind.ID_CARD;
                    to = end + 1;
                }
            } else if (length == 18 && PiiChecksums.isValidResidentId(s.substring(start, end))) {
                kind = PiiKind.ID_CARD;
            } else if (length == 11 && isMobile(s, start)) {
                kind = PiiKind.PHONE;
                from = countryCodeStart(s, start, last);
            } else if (length == 13 && start > last && s.charAt(start - 1) == '+' && s.startsWith("86", start)
                    && isMobile(s, start + 2)) {
                kind = PiiKind.PHONE;
                from = start - 1;
            } else if (length >= 16 && length <= 19 && PiiChecksums.isLuhnValid(s.substring(start, end))) {
                kind = PiiKind.BANK_CARD;
            }
            if (kind != null && kinds.contains(kind)) {
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, last, from).append(kind.token());
                last = to;
                counts.merge(kind, 1, Integer::sum);
            }
        }
        if (out == null) {
            return new MaskedText(s, counts);
        }
        out.append(s, last, s.length());
        return new MaskedText(out.toString(), counts);
    }

    private static String maskEmails(String text, EnumMap<PiiKind, Integer> counts) {
        Matcher m = EMAIL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int found = 0;
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(PiiKind.EMAIL.token()));
            found++;
        }
        m.appendTail(out);
        if (found > 0) {
            counts.put(PiiKind.EMAIL, found);
        }
        return out.toString();
    }

    /** {@code 1[3-9]} followed by nine more digits (the run length is checked by the caller). */
    private static boolean isMobile(String s, int at) {
        return s.charAt(at) == '1' && s.charAt(at + 1) >= '3' && s.charAt(at + 1) <= '9';
    }

    /** Where a {@code +86}, {@code +86 } or {@code +86-} right before {@code start} begins, else {@code start}. */
    private static int countryCodeStart(String s, int start, int notBefore) {
        for (int k : new int[] {4, 3}) {
            int from = start - k;
            if (from >= notBefore && s.startsWith("+86", from)
                    && (k == 3 || s.charAt(start - 1) == ' ' || s.charAt(start - 1) == '-')) {
                return from;
            }
        }
        return start;
    }

    private static boolean isDigitAt(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }
}
