package io.refinery.workers.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitAssignerTest {

    private static List<String> assign(long seed, Map<String, Integer> classSizes) {
        SplitAssigner a = new SplitAssigner(80, 10, 10, seed);
        List<String> out = new ArrayList<>();
        // interleave the classes the way items arrive
        int max = classSizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int i = 0; i < max; i++) {
            for (var e : classSizes.entrySet()) {
                if (i < e.getValue()) {
                    out.add(e.getKey() + ":" + a.next(e.getKey()));
                }
            }
        }
        return out;
    }

    @Test
    void shouldSplitEveryClassInTheAskedProportionsToWithinOneItem() {
        SplitAssigner a = new SplitAssigner(80, 10, 10, 7);
        Map<String, Integer> sizes = Map.of("billing", 1000, "delivery", 137, "refund", 25);
        sizes.forEach((c, n) -> {
            for (int i = 0; i < n; i++) {
                a.next(c);
            }
        });
        sizes.forEach((c, n) -> {
            long train = a.counts().get("train").getOrDefault(c, 0L);
            long validation = a.counts().get("validation").getOrDefault(c, 0L);
            long test = a.counts().get("test").getOrDefault(c, 0L);
            assertThat(train + validation + test).isEqualTo((long) n);
            assertThat(Math.abs(train - 0.8 * n)).as(c + " train").isLessThanOrEqualTo(1.0);
            assertThat(Math.abs(validation - 0.1 * n)).as(c + " validation").isLessThanOrEqualTo(1.0);
            assertThat(Math.abs(test - 0.1 * n)).as(c + " test").isLessThanOrEqualTo(1.0);
        });
        assertThat(a.counts().get("train").get("billing")).isEqualTo(800);
    }

    @Test
    void shouldGiveTheSameSplitForTheSameInputAndSeedAndAnotherForAnotherSeed() {
        Map<String, Integer> sizes = new java.util.TreeMap<>(Map.of("a", 300, "b", 40));
        assertThat(assign(42, sizes)).isEqualTo(assign(42, sizes));
        assertThat(assign(43, sizes)).isNotEqualTo(assign(42, sizes));
    }

    @Test
    void shouldNotPutTheTestItemsOfAClassAtFixedPositions() {
        SplitAssigner a = new SplitAssigner(80, 10, 10, 1);
        List<Integer> testPositions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (a.next("x").equals("test")) {
                testPositions.add(i % 10);
            }
        }
        assertThat(testPositions).hasSize(10);
        assertThat(testPositions.stream().distinct().count()).isGreaterThan(3);
    }

    @Test
    void shouldUseTheSmallestBlockForThePercentages() {
        assertThat(new SplitAssigner(80, 10, 10, 0).blockSize()).isEqualTo(10);
        assertThat(new SplitAssigner(70, 15, 15, 0).blockSize()).isEqualTo(20);
        assertThat(new SplitAssigner(100, 0, 0, 0).blockSize()).isEqualTo(1);
        assertThatThrownBy(() -> new SplitAssigner(80, 10, 20, 0)).hasMessageContaining("sum to 100");
    }

    @Test
    void shouldStratifyAnswersByTheirMostFrequentLabel() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(SplitAssigner.stratum("billing", null)).isEqualTo("billing");
        assertThat(SplitAssigner.stratum(null, json.readTree("{\"boxes\":[{\"label\":\"b\"},{\"label\":\"a\"},"
                + "{\"label\":\"b\"}]}"))).isEqualTo("b");
        assertThat(SplitAssigner.stratum(null, json.readTree("{\"labels\":[\"y\",\"x\"]}"))).isEqualTo("x");
        assertThat(SplitAssigner.stratum(null, json.readTree("{\"boxes\":[]}"))).isEqualTo("(none)");
        assertThat(SplitAssigner.stratum(null, json.readTree("{\"instruction\":\"i\",\"output\":\"o\"}")))
                .isEqualTo("(all)");
    }
}
