package io.refinery.workers.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NearDuplicateIndexTest {

    private static final String EN = "Hello, I ordered a blue jacket last Monday and the parcel still has not arrived."
            + " The tracking page says it left the warehouse three days ago. Could you please check where it is?";
    private static final String ZH = "您好，我上周一在你们店里买了一件蓝色外套，到现在快递还没有送到。物流页面显示三天前就已经出库了，"
            + "麻烦帮我查一下包裹现在到哪里了。这件外套是准备周末出门穿的，如果周五之前还到不了，我就只能申请退款了，谢谢！";

    private final NearDuplicateIndex index = new NearDuplicateIndex();
    private final NearDuplicateIndex.Signer signer = index.signer();

    private NearDuplicateIndex.Match add(String text, long ref) {
        return index.findOrAdd(signer.sign(text), ref);
    }

    @Test
    void shouldFindATextWithOneChangedCharacter() {
        assertThat(add(EN, 1)).isNull();
        NearDuplicateIndex.Match match = add(EN.replace("blue", "blua"), 2);
        assertThat(match).isNotNull();
        assertThat(match.of()).isEqualTo(1);
        assertThat(match.similarity()).isBetween(0.8, 1.0);
    }

    @Test
    void shouldIgnoreAddedPunctuationSpacingAndCase() {
        add(EN, 1);
        NearDuplicateIndex.Match match = add("hello!!! i ordered a BLUE jacket, last monday; and the parcel still has not "
                + "arrived... the tracking page says it left the warehouse three days ago — could you please check where "
                + "it is ???", 2);
        assertThat(match).isNotNull();
        assertThat(match.similarity()).isEqualTo(1.0);
    }

    @Test
    void shouldFindChineseNearDuplicates() {
        add(ZH, 7);
        String changed = ZH.replace("蓝色", "红色").replace("，", " ");
        assertThat(jaccard(ZH, changed, 5)).as("one character of 100 changed").isBetween(0.88, 0.9);
        assertThat(add(changed, 8)).extracting(NearDuplicateIndex.Match::of).isEqualTo(7L);
        assertThat(add("您好，我想把收货地址改成北京市海淀区，订单还没有发货，可以修改吗？请尽快回复我，谢谢。", 9))
                .as("another request").isNull();
    }

    @Test
    void shouldKeepDifferentTextsAndNameTheFirstOccurrence() {
        assertThat(add(EN, 1)).isNull();
        assertThat(add(ZH, 2)).isNull();
        assertThat(add("I want a refund for order 2024-0415: the screen of the phone is cracked.", 3)).isNull();
        assertThat(add("I want a refund for order 2024-0416: the screen of the phone is broken.", 4))
                .as("same template, different details").isNull();
        assertThat(add(EN + " ", 5).of()).isEqualTo(1);
        assertThat(add(EN + " Thanks", 6).of()).as("matched against the kept item, never a dropped one").isEqualTo(1);
        assertThat(index.size()).isEqualTo(4);
    }

    @Test
    void shouldRespectTheThresholdOnPairsOfKnownJaccardSimilarity() {
        Random random = new Random(42);
        int checked = 0;
        for (int round = 0; round < 200; round++) {
            String a = randomText(random, 150);
            String b = a.substring(0, 150 - 1 - random.nextInt(60)) + randomText(random, random.nextInt(40));
            double exact = jaccard(a, b, NearDuplicateIndex.DEFAULT_SHINGLE);
            if (exact > 0.68 && exact < 0.92) {
                continue; // within estimation error of the threshold: either answer is right
            }
            NearDuplicateIndex fresh = new NearDuplicateIndex(0.8, 5);
            NearDuplicateIndex.Signer s = fresh.signer();
            fresh.findOrAdd(s.sign(a), 1);
            boolean found = fresh.findOrAdd(s.sign(b), 2) != null;
            assertThat(found).as("J = %.3f", exact).isEqualTo(exact >= 0.92);
            checked++;
        }
        assertThat(checked).isGreaterThan(80);
    }

    @Test
    void shouldTakeTheThresholdAsConfigured() {
        String a = EN;
        String b = EN.substring(0, 150) + " and the rest of the story is different from the first text entirely.";
        double exact = jaccard(a, b, 5);
        assertThat(exact).isBetween(0.45, 0.65);
        String edited = EN.replace("blue jacket", "green coat");
        assertThat(jaccard(a, edited, 5)).isBetween(0.83, 0.84);
        NearDuplicateIndex strict = new NearDuplicateIndex(0.95, 5);
        strict.findOrAdd(strict.signer().sign(EN), 1);
        assertThat(strict.findOrAdd(strict.signer().sign(edited), 2)).isNull();
        NearDuplicateIndex loose = new NearDuplicateIndex(0.7, 5);
        loose.findOrAdd(loose.signer().sign(EN), 1);
        assertThat(loose.findOrAdd(loose.signer().sign(edited), 2)).isNotNull();
        assertThat(loose.findOrAdd(loose.signer().sign(b), 3)).isNull();
        assertThat(new NearDuplicateIndex(0.8, 5).bands()).isEqualTo(8);
        assertThat(new NearDuplicateIndex(0.7, 5).bands()).isEqualTo(15);
        assertThat(new NearDuplicateIndex(1.0, 5).bands()).isEqualTo(2);
        assertThatThrownBy(() -> new NearDuplicateIndex(0.5, 5)).hasMessage("threshold 0.5 must be between 0.7 and 1");
        assertThatThrownBy(() -> new NearDuplicateIndex(0.8, 0)).hasMessage("shingle 0 must be between 1 and 20");
    }

    @Test
    void shouldBeDeterministicAndSurviveGrowth() {
        List<String> texts = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            String t = randomText(random, 40 + random.nextInt(80));
            texts.add(t);
            if (i % 10 == 0) {
                texts.add(t.substring(1) + "x");
            }
        }
        assertThat(run(texts)).isEqualTo(run(texts)).contains(-1L);
        List<Long> outcome = run(texts);
        assertThat(outcome.stream().filter(o -> o >= 0).count()).as("the planted near-duplicates").isBetween(400L, 520L);
    }

    private static List<Long> run(List<String> texts) {
        NearDuplicateIndex idx = new NearDuplicateIndex();
        NearDuplicateIndex.Signer s = idx.signer();
        List<Long> outcome = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            NearDuplicateIndex.Match m = idx.findOrAdd(s.sign(texts.get(i)), i);
            outcome.add(m == null ? -1L : m.of());
        }
        return outcome;
    }

    @Test
    void shouldSkipTextsWithoutLettersOrDigits() {
        assertThat(signer.sign("!!! ... ？？")).isNull();
        assertThat(signer.sign("ok")).as("shorter than a shingle: one shingle").hasSize(64);
    }

    private static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    /** Exact Jaccard similarity of the shingle sets (texts of lower-case letters only). */
    private static double jaccard(String a, String b, int k) {
        Set<String> x = shingles(a.replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(), k);
        Set<String> y = shingles(b.replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(), k);
        Set<String> union = new HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return x.size() / (double) union.size();
    }

    private static Set<String> shingles(String s, int k) {
        Set<String> set = new HashSet<>();
        for (int i = 0; i + k <= s.length(); i++) {
            set.add(s.substring(i, i + k));
        }
        return set;
    }
}
