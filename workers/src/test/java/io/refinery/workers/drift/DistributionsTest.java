package io.refinery.workers.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** PSI and total variation distance against values computed by hand. */
class DistributionsTest {

    @Test
    void shouldComputePsiAndTvdOfAModerateShiftByHand() {
        // reference 50/30/20 % → new 40/30/30 %
        Map<String, Long> reference = Map.of("billing", 50L, "delivery", 30L, "refund", 20L);
        Map<String, Long> newer = Map.of("billing", 40L, "delivery", 30L, "refund", 30L);

        // (0.4-0.5)·ln(0.4/0.5) + 0 + (0.3-0.2)·ln(0.3/0.2) = 0.0223144 + 0.0405465
        assertThat(Distributions.psi(reference, newer)).isCloseTo(0.0628609, within(1e-6));
        // ½(|0.4-0.5| + 0 + |0.3-0.2|)
        assertThat(Distributions.totalVariation(reference, newer)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void shouldCountAnEmptyBinWithEpsilon() {
        // reference only billing; new half billing, half a class the reference never had
        Map<String, Long> reference = Map.of("billing", 100L);
        Map<String, Long> newer = Map.of("billing", 50L, "fraud", 50L);

        // (0.5-1)·ln(0.5/1) + (0.5-0.0001)·ln(0.5/0.0001) = 0.3465736 + 0.4999·8.5171932
        assertThat(Distributions.psi(reference, newer)).isCloseTo(4.6043185, within(1e-6));
        assertThat(Distributions.totalVariation(reference, newer)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void shouldBeZeroForTheSameSharesWhateverTheSizes() {
        Map<String, Long> reference = Map.of("a", 10L, "b", 30L);
        Map<String, Long> newer = Map.of("a", 1000L, "b", 3000L);
        assertThat(Distributions.psi(reference, newer)).isCloseTo(0, within(1e-12));
        assertThat(Distributions.totalVariation(reference, newer)).isCloseTo(0, within(1e-12));
    }

    @Test
    void shouldGiveTvdOneForDisjointDistributions() {
        assertThat(Distributions.totalVariation(Map.of("a", 5L), Map.of("b", 7L))).isCloseTo(1, within(1e-12));
    }
}
