package io.refinery.workers.process;

/** Check digits that tell real identifiers from random digit runs. */
final class PiiChecksums {

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private PiiChecksums() {
    }

    /** GB 11643-1999 (ISO 7064 MOD 11-2): 17 digits and a check char, digit or X (either case). */
    static boolean isValidResidentId(CharSequence id) {
        if (id.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * ID_WEIGHTS[i];
        }
        return Character.toUpperCase(id.charAt(17)) == ID_CHECK[sum % 11];
    }

    /** Luhn (ISO/IEC 7812) over a run of ASCII digits, the last one being the check digit. */
    static boolean isLuhnValid(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return digits.length() > 0 && sum % 10 == 0;
    }
}
