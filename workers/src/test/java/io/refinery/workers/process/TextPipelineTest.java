package io.refinery.workers.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextPipelineTest {

    private static final List<String> NEAR = List.of("normalize", "dedup", "dedup-near", "mask-pii");

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
                .hasMessage("unknown operator \"lowercase\" (known: normalize, dedup, dedup-near, mask-pii)");
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

    @Test
    void shouldDropNearDuplicatesNamingTheKeptItem() {
        TextPipeline pipeline = new TextPipeline(NEAR);
        String text = "您好，我的订单已经付款三天了还没有发货，页面上一直显示待出库，客服也没有回复。"
                + "能帮我催一下仓库吗？这是送给朋友的生日礼物，周末之前必须收到。我的电话是13812345678，谢谢。";

        ProcessedText first = pipeline.process(text);
        ProcessedText exact = pipeline.process(" " + text);
        ProcessedText near = pipeline.process(text.replace("三天", "五天").replace("，", ", "));
        ProcessedText other = pipeline.process("请问这款耳机支持降噪吗？有没有白色的？");

        assertThat(first.dropped()).isFalse();
        assertThat(exact.duplicate()).isTrue();
        assertThat(exact.nearDuplicateOf()).as("an exact duplicate is not also a near one").isNull();
        assertThat(near.duplicate()).isFalse();
        assertThat(near.nearDuplicateOf().of()).as("1-based input position of the kept item").isEqualTo(1);
        assertThat(near.text()).as("masked like every item").contains("[PHONE]");
        assertThat(other.dropped()).isFalse();
        ProcessStats stats = pipeline.stats();
        assertThat(stats.input()).isEqualTo(4);
        assertThat(stats.duplicates()).isEqualTo(1);
        assertThat(stats.nearDuplicates()).isEqualTo(1);
        assertThat(stats.kept()).isEqualTo(2);
        assertThat(stats.piiTotal()).as("PII of dropped items is not counted").isEqualTo(1);
    }

    @Test
    void shouldTakeShorterShinglesForShortTexts() {
        String text = "您好，我的订单已经付款三天了还没有发货，能帮我催一下吗？谢谢。";
        String changed = text.replace("三天", "五天");
        TextPipeline byDefault = new TextPipeline(NEAR);
        byDefault.process(text);
        assertThat(byDefault.process(changed).dropped()).as("5-char shingles: J = 0.78 < 0.8").isFalse();
        TextPipeline shortShingles = TextPipeline.of(OperatorSpec.parseList("normalize, dedup, dedup-near(shingle=3)"));
        shortShingles.process(text);
        assertThat(shortShingles.process(changed).nearDuplicateOf()).isNotNull();
    }

    @Test
    void shouldKeepNearDuplicatesWithoutTheOperatorAsByDefault() {
        TextPipeline pipeline = new TextPipeline();
        pipeline.process("The parcel for order 1234 has not arrived after ten days, please help me check it.");
        assertThat(pipeline.process("The parcel for order 1234 has not arrived after ten days, please help me check it!!")
                .dropped()).isFalse();
        assertThat(pipeline.stats().nearDuplicates()).isZero();
    }

    @Test
    void shouldDecideInInputOrderWhenBatchesArePreparedOnSeveralThreads() throws Exception {
        java.util.Random random = new java.util.Random(3);
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String base = "order " + random.nextInt(400) + " item " + random.nextInt(50) + " please call 1381234" + (5000 + i % 7)
                    + " about the delivery of my parcel and the refund of the broken part number " + random.nextInt(30);
            texts.add(i % 9 == 0 ? base + "!" : base);
        }
        TextPipeline sequential = new TextPipeline(NEAR);
        List<ProcessedText> expected = new java.util.ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            expected.add(sequential.decide(sequential.prepare(texts.get(i)), i));
        }
        TextPipeline parallel = new TextPipeline(NEAR);
        List<ProcessedText> actual = new java.util.ArrayList<>();
        List<Integer> order = new java.util.ArrayList<>();
        try (PipelineBatches<Integer> batches = new PipelineBatches<>(parallel, texts::get, i -> i, (i, p) -> {
            order.add(i);
            actual.add(p);
        }, 37, 3)) {
            for (int i = 0; i < texts.size(); i++) {
                batches.add(i);
            }
            batches.finish();
        }
        assertThat(order).isSorted().hasSize(texts.size());
        assertThat(actual).isEqualTo(expected);
        assertThat(parallel.stats()).isEqualTo(sequential.stats());
        assertThat(sequential.stats().nearDuplicates()).isPositive();
    }
}
