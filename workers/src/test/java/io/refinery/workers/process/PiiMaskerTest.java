package io.refinery.workers.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiMaskerTest {

    private static final String VALID_ID_X = "11010519491231002X";
    private static final String VALID_ID = "440301199003071230";
    private static final String VALID_ID_ALSO_LUHN = "440301199003070350";
    private static final String CARD_16 = "4111111111111111";
    private static final String CARD_19 = "6222021234567890128";
    private static final String CARD_18_NOT_ID = "622202123456789012";

    private final PiiMasker masker = new PiiMasker();

    @Test
    void shouldMaskEmails() {
        MaskedText result = masker.mask("联系 zhang.san+vip@mail.example.com.cn 或 a_b@x.io。");

        assertThat(result.text()).isEqualTo("联系 [EMAIL] 或 [EMAIL]。");
        assertThat(result.count(PiiKind.EMAIL)).isEqualTo(2);
        assertThat(result.total()).isEqualTo(2);
    }

    @Test
    void shouldMaskAnEmailBeforeLookingAtItsDigits() {
        MaskedText result = masker.mask("13812345678@qq.com");

        assertThat(result.text()).isEqualTo("[EMAIL]");
        assertThat(result.count(PiiKind.PHONE)).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "电话13812345678谢谢;电话[PHONE]谢谢",
        "call +8613912345678 now;call [PHONE] now",
        "call +86 13912345678 now;call [PHONE] now",
        "call +86-15012345678.;call [PHONE].",
        "19912345678;[PHONE]",
        "(86)13812345678;(86)[PHONE]",
    })
    void shouldMaskChineseMobileNumbers(String input, String expected) {
        MaskedText result = masker.mask(input);

        assertThat(result.text()).isEqualTo(expected);
        assertThat(result.count(PiiKind.PHONE)).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "12812345678",       // second digit 2
        "113812345678",      // 12 digits: adjacent to another digit
        "1381234567",        // 10 digits
        "订单号213812345678",  // preceded by a digit
    })
    void shouldLeaveNonMobileDigitRuns(String input) {
        MaskedText result = masker.mask(input);

        assertThat(result.text()).isEqualTo(input);
        assertThat(result.total()).isZero();
    }

    @Test
    void shouldKeepAnotherCountryCodeButStillMaskTheMobileNumber() {
        assertThat(masker.mask("+87 13812345678x").text()).isEqualTo("+87 [PHONE]x");
    }

    @Test
    void shouldMaskResidentIdsWithValidChecksumIncludingX() {
        MaskedText result = masker.mask("身份证" + VALID_ID + "，另一个" + VALID_ID_X + "和" + VALID_ID_X.toLowerCase() + "。");

        assertThat(result.text()).isEqualTo("身份证[ID_CARD]，另一个[ID_CARD]和[ID_CARD]。");
        assertThat(result.count(PiiKind.ID_CARD)).isEqualTo(3);
    }

    @Test
    void shouldLeaveIdsWithAWrongCheckCharacter() {
        String wrongX = "110105194912310021";
        String wrongLetter = "44030119900307123X";

        MaskedText result = masker.mask(wrongX + " " + wrongLetter);

        assertThat(result.text()).isEqualTo(wrongX + " " + wrongLetter);
        assertThat(result.total()).isZero();
    }

    @Test
    void shouldPreferIdCardOverBankCardForAValidEighteenDigitId() {
        assertThat(PiiChecksums.isLuhnValid(VALID_ID_ALSO_LUHN)).isTrue();

        MaskedText result = masker.mask(VALID_ID_ALSO_LUHN);

        assertThat(result.text()).isEqualTo("[ID_CARD]");
        assertThat(result.count(PiiKind.BANK_CARD)).isZero();
    }

    @Test
    void shouldMaskBankCardsWithValidLuhnOfSixteenToNineteenDigits() {
        MaskedText result = masker.mask("卡号 " + CARD_16 + " / " + CARD_19 + " / " + CARD_18_NOT_ID);

        assertThat(result.text()).isEqualTo("卡号 [BANK_CARD] / [BANK_CARD] / [BANK_CARD]");
        assertThat(result.count(PiiKind.BANK_CARD)).isEqualTo(3);
    }

    @Test
    void shouldLeaveDigitRunsThatFailLuhnOrHaveTheWrongLength() {
        String badLuhn = "4111111111111112";
        String fifteen = "411111111111111";
        String twenty = "41111111111111111113";

        MaskedText result = masker.mask(badLuhn + " " + fifteen + " " + twenty);

        assertThat(result.text()).isEqualTo(badLuhn + " " + fifteen + " " + twenty);
        assertThat(result.total()).isZero();
    }

    @Test
    void shouldNotMaskACardEmbeddedInALongerDigitRun() {
        assertThat(masker.mask("9" + CARD_16).text()).isEqualTo("9" + CARD_16);
    }

    @Test
    void shouldCountEveryKindInOneText() {
        MaskedText result = masker.mask("a@b.cn 13812345678 " + VALID_ID + " " + CARD_16 + " 18612345678");

        assertThat(result.text()).isEqualTo("[EMAIL] [PHONE] [ID_CARD] [BANK_CARD] [PHONE]");
        assertThat(result.counts()).containsExactly(
                org.assertj.core.api.Assertions.entry(PiiKind.EMAIL, 1),
                org.assertj.core.api.Assertions.entry(PiiKind.PHONE, 2),
                org.assertj.core.api.Assertions.entry(PiiKind.ID_CARD, 1),
                org.assertj.core.api.Assertions.entry(PiiKind.BANK_CARD, 1));
        assertThat(result.total()).isEqualTo(5);
    }

    @Test
    void shouldReturnTextWithoutPiiUnchangedWithZeroCounts() {
        MaskedText result = masker.mask("没有个人信息 no pii 2024-05-01 @home");

        assertThat(result.text()).isEqualTo("没有个人信息 no pii 2024-05-01 @home");
        assertThat(result.counts()).hasSize(4).allSatisfy((kind, count) -> assertThat(count).isZero());
    }

    @Test
    void shouldStayFastOnPathologicalInput() {
        String longWord = "a".repeat(200_000) + "@";
        long start = System.nanoTime();

        masker.mask(longWord + " " + "1".repeat(100_000));

        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    /**
     * One 18-digit Luhn-valid card in eleven also passes the ID check char; its digits 7–14 are an account number, not
     * a birth date, and its first two rarely a region. Seeded UnionPay-like cards that pass the check char are bank
     * cards unless their digits happen to be a real region and birth date as well (then the card is also a valid ID
     * number and is masked as one; both are masked).
     */
    @Test
    void shouldTellEighteenDigitBankCardsThatPassTheIdCheckCharFromIdNumbers() {
        java.util.Random random = new java.util.Random(13);
        int passingCheckChar = 0;
        int realDates = 0;
        while (passingCheckChar < 2_000) {
            StringBuilder card = new StringBuilder(random.nextBoolean() ? "622202" : "621700");
            while (card.length() < 17) {
                card.append((char) ('0' + random.nextInt(10)));
            }
            for (char check = '0'; check <= '9'; check++) {
                String number = card.toString() + check;
                if (!PiiChecksums.isLuhnValid(number) || !passesIdCheckChar(number)) {
                    continue;
                }
                passingCheckChar++;
                boolean realDate = realBirthDate(number.substring(6, 14));
                realDates += realDate ? 1 : 0;
                assertThat(masker.mask("卡号 " + number).text()).as(number)
                        .isEqualTo(realDate ? "卡号 [ID_CARD]" : "卡号 [BANK_CARD]");
            }
        }
        assertThat(realDates).as("cards whose account digits read as a real birth date").isLessThan(20);
        assertThat(masker.mask("622202123400000052").text()).isEqualTo("[BANK_CARD]");
        assertThat(PiiChecksums.isValidResidentId("622202123400000052")).as("year 1234").isFalse();
        assertThat(PiiChecksums.isValidResidentId("990301199003071234")).as("no region 99").isFalse();
        assertThat(PiiChecksums.isValidResidentId("440301199002300000")).as("30 February").isFalse();
    }

    private static boolean passesIdCheckChar(String number) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11) == number.charAt(17);
    }

    private static boolean realBirthDate(String yyyyMMdd) {
        try {
            java.time.LocalDate date = java.time.LocalDate.parse(yyyyMMdd,
                    java.time.format.DateTimeFormatter.ofPattern("uuuuMMdd")
                            .withResolverStyle(java.time.format.ResolverStyle.STRICT));
            return date.getYear() >= 1900 && !date.isAfter(java.time.LocalDate.now());
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    @Test
    void shouldValidateChecksums() {
        assertThat(PiiChecksums.isValidResidentId(VALID_ID_X)).isTrue();
        assertThat(PiiChecksums.isValidResidentId("11010519491231002x")).isTrue();
        assertThat(PiiChecksums.isValidResidentId("110105194912310021")).isFalse();
        assertThat(PiiChecksums.isValidResidentId("1101051949123100")).isFalse();
        assertThat(PiiChecksums.isLuhnValid("79927398713")).isTrue();
        assertThat(PiiChecksums.isLuhnValid("79927398710")).isFalse();
        assertThat(PiiChecksums.isLuhnValid("")).isFalse();
    }
}
