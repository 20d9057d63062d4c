package io.refinery.workers.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Process step's operator list: order, options, and errors that name the bad operator. */
class OperatorSpecTest {

    @Test
    void shouldParseOperatorsInOrderWithOptions() {
        List<OperatorSpec> specs = OperatorSpec.parseList(" normalize , mask-pii(kinds=phone|email) ");
        assertThat(specs).extracting(OperatorSpec::toString).containsExactly("normalize", "mask-pii(kinds=phone|email)");
        assertThat(specs.get(1).piiKinds()).containsExactlyInAnyOrder(PiiKind.PHONE, PiiKind.EMAIL);
        assertThat(OperatorSpec.parseList("mask-pii").get(0).piiKinds()).hasSize(PiiKind.values().length);
    }

    @Test
    void shouldNameTheBadOperatorOptionOrValue() {
        assertThatThrownBy(() -> OperatorSpec.parseList("normalize, mask-pi"))
                .hasMessage("operator \"mask-pi\": unknown operator \"mask-pi\" (known: normalize, dedup, dedup-near, mask-pii)");
        assertThatThrownBy(() -> OperatorSpec.parseList("mask-pii(kinds=phone|fax)"))
                .hasMessage("operator \"mask-pii(kinds=phone|fax)\": unknown kinds value \"fax\""
                        + " (known: email, phone, id-card, bank-card)");
        assertThatThrownBy(() -> OperatorSpec.parseList("normalize(form=nfc)"))
                .hasMessage("operator \"normalize(form=nfc)\": unknown option \"form\" (normalize takes no options)");
        assertThatThrownBy(() -> OperatorSpec.parseList("normalize,,dedup"))
                .hasMessage("operator 2 of \"normalize,,dedup\" is empty");
        assertThatThrownBy(() -> TextPipeline.of(OperatorSpec.parseList("dedup, dedup")))
                .hasMessage("operator \"dedup\" is listed twice");
    }

    @Test
    void shouldMaskOnlyTheConfiguredKindsAndSkipWhatIsLeftOut() {
        TextPipeline pipeline = TextPipeline.of(OperatorSpec.parseList("normalize, mask-pii(kinds=phone)"));
        ProcessedText out = pipeline.process("Call  13812345678 or mail a@example.com");
        assertThat(out.text()).isEqualTo("Call [PHONE] or mail a@example.com");
        assertThat(pipeline.process("Call  13812345678 or mail a@example.com").duplicate())
                .as("dedup was left out").isFalse();
    }

    @Test
    void shouldReadNearDedupOptionsAndRejectBadOnes() {
        OperatorSpec spec = OperatorSpec.parseList("dedup-near(threshold=0.85;shingle=3)").get(0);
        assertThat(spec.operator()).isEqualTo(TextOperator.DEDUP_NEAR);
        assertThat(spec.nearThreshold()).isEqualTo(0.85);
        assertThat(spec.nearShingle()).isEqualTo(3);
        assertThat(OperatorSpec.parseList("dedup-near").get(0).nearThreshold()).isEqualTo(0.8);
        assertThat(OperatorSpec.parseList("dedup-near").get(0).nearShingle()).isEqualTo(5);
        assertThatThrownBy(() -> OperatorSpec.parseList("dedup-near(threshold=0.5)"))
                .hasMessage("operator \"dedup-near(threshold=0.5)\": threshold must be a number from 0.7 to 1, not \"0.5\"");
        assertThatThrownBy(() -> OperatorSpec.parseList("dedup-near(shingle=x)"))
                .hasMessage("operator \"dedup-near(shingle=x)\": shingle must be a whole number from 1 to 20, not \"x\"");
        assertThatThrownBy(() -> OperatorSpec.parseList("dedup-near(size=3)"))
                .hasMessage("operator \"dedup-near(size=3)\": unknown option \"size\" (dedup-near takes shingle, threshold)");
    }
}
