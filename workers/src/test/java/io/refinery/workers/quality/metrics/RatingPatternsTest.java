package io.refinery.workers.quality.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fleiss' kappa and Krippendorff's alpha on their published worked examples. */
class RatingPatternsTest {

    /**
     * Fleiss, J. L. (1971), "Measuring nominal scale agreement among many raters", as worked in Wikipedia's
     * "Fleiss' kappa" article (section "Worked example"): 10 subjects, 14 raters, 5 categories;
     * P̄ = 0.378, P̄e = 0.213, κ = 0.210.
     */
    @Test
    void shouldGiveFleissKappaOfTheWikipediaWorkedExample() {
        int[][] table = {
                {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
                {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        RatingPatterns patterns = new RatingPatterns();
        for (int[] subject : table) {
            List<String> labels = new ArrayList<>();
            for (int category = 0; category < subject.length; category++) {
                for (int n = 0; n < subject[category]; n++) {
                    labels.add("c" + (category + 1));
                }
            }
            patterns.add(labels);
        }

        assertThat(patterns.items()).isEqualTo(10);
        // hand computation: P̄ = 3.78 / 10 = 0.378; p_j = .143 .200 .279 .150 .229, P̄e = Σp_j² = 0.2128
        double pBar = 0.378;
        double pe = (Math.pow(20, 2) + Math.pow(28, 2) + Math.pow(39, 2) + Math.pow(21, 2) + Math.pow(32, 2)) / Math.pow(140, 2);
        assertThat(patterns.fleissKappa()).isCloseTo((pBar - pe) / (1 - pe), within(1e-3));
        assertThat(patterns.fleissKappa()).isCloseTo(0.210, within(5e-4));
    }

    /**
     * Krippendorff, K. (2011), "Computing Krippendorff's Alpha-Reliability", University of Pennsylvania, section C
     * ("Nominal data, any number of observers, missing values"): 4 observers, 12 units, values 1..5, "." missing;
     * α<sub>nominal</sub> = 0.743. Unit 12 has a single value and is not pairable.
     */
    @Test
    void shouldGiveKrippendorffsAlphaOfHisOwnReliabilityDataExample() {
        String[] observerA = {"1", "2", "3", "3", "2", "1", "4", "1", "2", ".", ".", "."};
        String[] observerB = {"1", "2", "3", "3", "2", "2", "4", "1", "2", "5", ".", "3"};
        String[] observerC = {".", "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", "."};
        String[] observerD = {"1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", "."};
        RatingPatterns patterns = new RatingPatterns();
        for (int unit = 0; unit < 12; unit++) {
            List<String> values = new ArrayList<>();
            for (String[] observer : List.of(observerA, observerB, observerC, observerD)) {
                if (!observer[unit].equals(".")) {
                    values.add(observer[unit]);
                }
            }
            patterns.add(values);
        }

        assertThat(patterns.items()).isEqualTo(11);
        // hand computation (his coincidence matrix): n = 40 pairable values, D_o = 4/40 · ... → α = 1 − (n−1)·Σo_ck/Σn_c·n_k
        assertThat(patterns.krippendorffAlpha()).isCloseTo(0.743, within(5e-4));
    }

    @Test
    void shouldDefineBothAsOneWhenEveryLabelIsTheSameClassAndNullWithoutPairs() {
        RatingPatterns same = new RatingPatterns();
        same.add(List.of("a", "a"));
        same.add(List.of("a", "a", "a"));
        RatingPatterns none = new RatingPatterns();
        none.add(List.of("a"));

        assertThat(same.fleissKappa()).isEqualTo(1.0);
        assertThat(same.krippendorffAlpha()).isEqualTo(1.0);
        assertThat(none.fleissKappa()).isNull();
        assertThat(none.krippendorffAlpha()).isNull();
    }

    /**
     * Two raters, items a/a ×2, a/b, b/a, b/b ×2: n = 12 values, n_a = n_b = 6, o_ab = o_ba = 2 (Krippendorff's
     * coincidences), D_o = 4/12, D_e = 2·6·6 / (12·11) = 72/132, α = 1 − D_o/D_e = 0.3889. The same table a million
     * times over (a prime count: DKPro gets it scaled down) has D_e → 1/2, α → 1/3: alpha's n − 1 term is kept.
     */
    @Test
    void shouldMatchAHandComputedTwoRaterAlphaAlsoWhenTheStudyIsScaledDown() {
        RatingPatterns small = new RatingPatterns();
        RatingPatterns large = new RatingPatterns();
        for (List<String> item : List.of(List.of("a", "a"), List.of("a", "a"), List.of("a", "b"), List.of("b", "a"),
                List.of("b", "b"), List.of("b", "b"))) {
            small.add(item);
            large.add(item, 1_000_003L);
        }
        assertThat(small.krippendorffAlpha()).isCloseTo(1 - (4.0 / 12) / (72.0 / 132), within(1e-9));
        double n = 12 * 1_000_003.0;
        assertThat(large.krippendorffAlpha()).isCloseTo(1 - (4.0 / 12) / ((n / 2) / (n - 1)), within(1e-6));
        assertThat(small.fleissKappa()).as("kappa needs no correction").isCloseTo(large.fleissKappa(), within(1e-9));
        assertThat(Arrays.stream(UnitCounts.reduce(new long[] {1_000_003L, 2_000_006L})).boxed().toList())
                .containsExactly(1, 2);
    }

    @Test
    void shouldBoundTheUnitsGivenToDkpro() {
        int[] units = UnitCounts.reduce(new long[] {10_000_019L, 3, 0});
        assertThat(Arrays.stream(units).sum()).isLessThanOrEqualTo((int) UnitCounts.MAX_UNITS + 2);
        assertThat(units[1]).as("a non-zero cell keeps one unit").isEqualTo(1);
        assertThat(units[2]).isZero();
    }
}
