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
                .hasMessage("operator \"mask-pi\": unknown operator \"mask-pi\" (known: normalize, dedup, mask-pii)");
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
}
