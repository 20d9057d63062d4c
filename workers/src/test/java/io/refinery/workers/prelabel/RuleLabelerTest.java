package io.refinery.workers.prelabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refinery.workflows.prelabel.LabelRuleException;
import io.refinery.workflows.prelabel.Prelabel;
import io.refinery.workflows.prelabel.RuleLabeler;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleLabelerTest {

    private static final List<String> LABELS = List.of("billing", "delivery", "refund");

    private static final String RULES = """
            # support ticket rules
            billing: 账单|bill|invoice

            refund: 退款 | re:money\\s+back|give.*back
            delivery: 快递|re:(parcel|package)s?\\b
            """;

    private final RuleLabeler labeler = RuleLabeler.parse(RULES, LABELS);

    @Test
    void shouldParseRulesIgnoringBlankLinesAndComments() {
        assertThat(labeler.ruleCount()).isEqualTo(3);
    }

    @Test
    void shouldLabelByKeywordNamingTheRule() {
        assertThat(labeler.label("我的账单不对")).contains(new Prelabel("billing", "line 2: 账单|bill|invoice"));
    }

    @Test
    void shouldMatchCaseInsensitivelyOnNormalizedText() {
        assertThat(labeler.label("Where is my ＢＩＬＬ?")).map(Prelabel::label).contains("billing");
        assertThat(labeler.label("I want my MONEY\u3000\u3000back")).map(Prelabel::label).contains("refund");
    }

    @Test
    void shouldLetARegexRunToTheEndOfTheLineIncludingBars() {
        Optional<Prelabel> result = labeler.label("please GIVE it back");

        assertThat(result).contains(new Prelabel("refund", "line 4: 退款 | re:money\\s+back|give.*back"));
        assertThat(labeler.label("my Packages are late")).map(Prelabel::label).contains("delivery");
    }

    @Test
    void shouldLetTheFirstMatchingRuleWin() {
        assertThat(labeler.label("退款的账单")).map(Prelabel::label).contains("billing");
        assertThat(labeler.label("快递退款")).map(Prelabel::label).contains("refund");
    }

    @Test
    void shouldReturnEmptyWhenNothingMatches() {
        assertThat(labeler.label("你好")).isEmpty();
        assertThat(labeler.label("")).isEmpty();
    }

    @Test
    void shouldNormalizeKeywordsToo() {
        RuleLabeler fullWidth = RuleLabeler.parse("billing: ＩＮＶＯＩＣＥ  number", LABELS);

        assertThat(fullWidth.label("Invoice\tNumber 7")).isPresent();
    }

    @Test
    void shouldAcceptAnEmptyRulesText() {
        assertThat(RuleLabeler.parse("", LABELS).label("bill")).isEmpty();
        assertThat(RuleLabeler.parse(null, LABELS).ruleCount()).isZero();
    }

    @Test
    void shouldRejectALabelOutsideTheLabelSetNamingTheLine() {
        assertThatThrownBy(() -> RuleLabeler.parse("billing: bill\r\n\r\ncomplaint: angry", LABELS))
                .isInstanceOf(LabelRuleException.class)
                .hasMessage("line 3: label \"complaint\" is not in the label set [billing, delivery, refund]")
                .satisfies(e -> assertThat(((LabelRuleException) e).line()).isEqualTo(3));
    }

    @Test
    void shouldRejectABadRegexNamingLineAndRule() {
        assertThatThrownBy(() -> RuleLabeler.parse("billing: bill\nrefund: re:(unclosed", LABELS))
                .isInstanceOf(LabelRuleException.class)
                .hasMessageStartingWith("line 2: bad regex \"(unclosed\" in rule \"re:(unclosed\": ");
    }

    @Test
    void shouldRejectMalformedLines() {
        assertThatThrownBy(() -> RuleLabeler.parse("billing bill", LABELS))
                .hasMessageStartingWith("line 1: expected \"label: keyword|keyword|re:regex\"");
        assertThatThrownBy(() -> RuleLabeler.parse(": bill", LABELS)).hasMessage("line 1: missing label before ':'");
        assertThatThrownBy(() -> RuleLabeler.parse("billing:  ", LABELS))
                .hasMessage("line 1: no keywords for label \"billing\"");
        assertThatThrownBy(() -> RuleLabeler.parse("billing: bill||invoice", LABELS))
                .hasMessage("line 1: empty keyword in rule \"bill||invoice\"");
        assertThatThrownBy(() -> RuleLabeler.parse("billing: bill|re:", LABELS))
                .hasMessage("line 1: empty regex in rule \"bill|re:\"");
    }

    @Test
    void shouldGiveUpOnACatastrophicRegexWithoutHanging() {
        RuleLabeler evil = RuleLabeler.parse("billing: re:(\\w+)*\\1y\nrefund: aaa", LABELS);
        long start = System.nanoTime();

        Optional<Prelabel> result = evil.label("a".repeat(40) + "!");

        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        assertThat(result).map(Prelabel::label).contains("refund");
        assertThat(evil.regexBudgetExceeded()).isEqualTo(1);
    }
}
