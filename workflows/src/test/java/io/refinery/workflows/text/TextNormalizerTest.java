package io.refinery.workflows.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private final TextNormalizer normalizer = new TextNormalizer();

    @Test
    void shouldApplyNfkc() {
        assertThat(normalizer.normalize("ＡＢＣ１２３，ﬁ")).isEqualTo("ABC123,fi");
        assertThat(normalizer.normalize("e\u0301")).isEqualTo("é");
    }

    @Test
    void shouldCollapseEveryKindOfWhiteSpaceToOneSpace() {
        assertThat(normalizer.normalize("a\t\tb\u00A0c\u3000\u3000d\r\n e\u2003f\u2028g\u0085h")).isEqualTo("a b c d e f g h");
    }

    @Test
    void shouldTrim() {
        assertThat(normalizer.normalize(" \u3000 账单 问题 \n")).isEqualTo("账单 问题");
        assertThat(normalizer.normalize(" \t ")).isEmpty();
        assertThat(normalizer.normalize("")).isEmpty();
    }

    @Test
    void shouldLeaveZeroWidthCharactersWhichAreNotWhiteSpace() {
        assertThat(normalizer.normalize("a\u200Bb")).isEqualTo("a\u200Bb");
    }

    @Test
    void shouldBeIdempotent() {
        String once = normalizer.normalize(" Ｈｅｌｌｏ\u3000 世界\t! ");
        assertThat(normalizer.normalize(once)).isEqualTo(once).isEqualTo("Hello 世界 !");
    }

    @Test
    void shouldTreatExactlyTheUnicodeWhiteSpaceCharactersAsWhiteSpace() {
        java.util.regex.Pattern whiteSpace = java.util.regex.Pattern.compile("\\p{IsWhite_Space}");
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            assertThat(TextNormalizer.isWhiteSpace(c)).as("U+%04X", (int) c)
                    .isEqualTo(whiteSpace.matcher(String.valueOf(c)).matches());
        }
    }
}
