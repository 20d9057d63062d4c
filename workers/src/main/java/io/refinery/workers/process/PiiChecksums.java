package io.refinery.workers.process;

/** Check digits that tell real identifiers from random digit runs. */
final class PiiChecksums {

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /**
     * First two digits of a resident ID: the province-level region (GB/T 2260: 11–15 north, 21–23 north-east, 31–37
     * east, 41–46 central south, 50–54 south-west, 61–65 north-west; 71 Taiwan, 81 Hong Kong, 82 Macao, 83 the
     * residence permits of Hong Kong, Macao and Taiwan residents).
     */
    private static final boolean[] REGIONS = new boolean[100];

    static {
        int[][] ranges = {{11, 15}, {21, 23}, {31, 37}, {41, 46}, {50, 54}, {61, 65}, {71, 71}, {81, 83}};
        for (int[] range : ranges) {
            for (int r = range[0]; r <= range[1]; r++) {
                REGIONS[r] = true;
            }
        }
    }

    /** Birth years a resident ID can carry (from; to is the current year, taken when checking). */
    private static final int FIRST_BIRTH_YEAR = 1900;

    private PiiChecksums() {
    }

    /**
     * A resident ID (GB 11643-1999): a province-level region code, a birth date {@code yyyyMMdd} that exists and is
     * not in the future, and the ISO 7064 MOD 11-2 check char (digit or X, either case). The region and date matter:
     * one 18-digit Luhn-valid bank card in eleven passes the check char alone.
     */
    static boolean isValidResidentId(CharSequence id) {
        if (id.length() != 18 || !validRegionAndBirthDate(id)) {
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

    private static boolean validRegionAndBirthDate(CharSequence id) {
        for (int i = 0; i < 14; i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        if (!REGIONS[number(id, 0, 2)]) {
            return false;
        }
        int year = number(id, 6, 10);
        int month = number(id, 10, 12);
        int day = number(id, 12, 14);
        if (year < FIRST_BIRTH_YEAR || month < 1 || month > 12 || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return false;
        }
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1);
        return !java.time.LocalDate.of(year, month, day).isAfter(today);
    }

    private static int number(CharSequence digits, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (digits.charAt(i) - '0');
        }
        return n;
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
