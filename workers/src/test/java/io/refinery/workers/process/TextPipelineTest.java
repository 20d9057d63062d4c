package io.refinery.workers.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextPipelineTest {

    @Test
    void shouldNormalizeHashThenMaskByDefault() {
        TextPipeline pipeline = new TextPipeline();

        ProcessedText result = pipeline.process("  电话\u3000１３８１２３４５６７８ ");

        assertThat(pipeline.operators()).containsExactly(TextOperator.NORMALIZE, TextOperator.DEDUP,
                TextOperator.MASK_PII);
        assertThat(result.text()).isEqualTo("电话 [PHONE]");
        assertThat(result.contentHash()).isEqualTo(ContentHash.of("电话 13812345678"));
        assertThat(result.duplicate()).isFalse();
        assertThat(result.pii()).containsEntry(PiiKind.PHONE, 1).containsEntry(PiiKind.EMAIL, 0);
    }

    @Test
    void shouldFlagExactDuplicatesAfterNormalization() {
        TextPipeline pipeline = new TextPipeline();

        ProcessedText first = pipeline.process("Ｈｅｌｌｏ  world a@b.cn");
        ProcessedText second = pipeline.process("Hello world\ta@b.cn ");
        ProcessedText third = pipeline.process("Hello world a@c.cn");

        assertThat(first.duplicate()).isFalse();
        assertThat(second.duplicate()).isTrue();
        assertThat(second.text()).as("duplicates are masked too, so they are safe to store").isEqualTo("Hello world [EMAIL]");
        assertThat(third.duplicate()).as("different before masking").isFalse();
        ProcessStats stats = pipeline.stats();
        assertThat(stats.input()).isEqualTo(3);
        assertThat(stats.kept()).isEqualTo(2);
        assertThat(stats.duplicates()).isEqualTo(1);
        assertThat(stats.piiByKind()).containsEntry(PiiKind.EMAIL, 2L).containsEntry(PiiKind.PHONE, 0L);
        assertThat(stats.piiTotal()).as("duplicates' PII is not counted").isEqualTo(2);
    }

    @Test
    void shouldApplyOperatorsInTheConfiguredOrder() {
        TextPipeline maskFirst = new TextPipeline(List.of("mask-pii", "dedup"));

        ProcessedText a = maskFirst.process("mail a@b.cn");
        ProcessedText b = maskFirst.process("mail c@d.cn");

        assertThat(a.text()).isEqualTo("mail [EMAIL]");
        assertThat(b.duplicate()).as("hashed after masking").isTrue();
        assertThat(a.contentHash()).isEqualTo(ContentHash.of("mail [EMAIL]"));
    }

    @Test
    void shouldWorkWithoutDedupAndStillHashTheFinalText() {
        TextPipeline pipeline = new TextPipeline(List.of("normalize"));

        ProcessedText a = pipeline.process(" x ");
        ProcessedText b = pipeline.process("x");

        assertThat(a.duplicate()).isFalse();
        assertThat(b.duplicate()).isFalse();
        assertThat(a.contentHash()).isEqualTo(ContentHash.of("x"));
        assertThat(pipeline.stats().kept()).isEqualTo(2);
    }

    @Test
    void shouldPassTextThroughWithNoOperators() {
        TextPipeline pipeline = new TextPipeline(List.of());

        assertThat(pipeline.process(" a@b.cn ").text()).isEqualTo(" a@b.cn ");
    }

    @Test
    void shouldRejectUnknownOrRepeatedOperatorsNamingThem() {
        assertThatThrownBy(() -> new TextPipeline(List.of("normalize", "lowercase")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown operator \"lowercase\" (known: normalize, dedup, mask-pii)");
        assertThatThrownBy(() -> new TextPipeline(List.of("dedup", " dedup ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"dedup\" is listed twice");
    }

    @Test
    void shouldAcceptOperatorNamesWithSurroundingSpaces() {
        assertThat(new TextPipeline(List.of(" normalize", "mask-pii ")).operators())
                .containsExactly(TextOperator.NORMALIZE, TextOperator.MASK_PII);
    }

    @Test
    void shouldGiveTheSameResultsForTheSameInputs() {
        List<String> texts = List.of("a", "b 13812345678", "a", "c");
        TextPipeline one = new TextPipeline();
        TextPipeline two = new TextPipeline();

        assertThat(texts.stream().map(one::process).toList()).isEqualTo(texts.stream().map(two::process).toList());
        assertThat(one.stats()).isEqualTo(two.stats());
    }

    @Test
    void shouldRememberSeenHashes() {
        ExactDeduplicator dedup = new ExactDeduplicator();

        assertThat(dedup.isDuplicate("h1")).isFalse();
        assertThat(dedup.isDuplicate("h2")).isFalse();
        assertThat(dedup.isDuplicate("h1")).isTrue();
        assertThat(dedup.distinctCount()).isEqualTo(2);
    }
}
