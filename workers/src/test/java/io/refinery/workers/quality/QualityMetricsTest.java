package io.refinery.workers.quality;

import io.refinery.workflows.ThresholdValues;
import io.refinery.workflows.Vars;
import java.util.Map;
import io.refinery.workers.report.Check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityMetricsTest {

    private static final List<String> LABELS = List.of("billing", "delivery", "refund");

    private final QualityMetrics metrics = new QualityMetrics(LABELS, SensitiveTerms.of(List.of("机密", "Falcon")));

    private static ItemRecord item(String id, String pkg, String text, String finalLabel, String... labels) {
        List<Annotation> annotations = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            annotations.add(new Annotation(i, "annotator" + i, labels[i]));
        }
        return new ItemRecord(id, pkg, text, annotations, finalLabel, false);
    }

    /**
     * Cohen's kappa worked example of Wikipedia's "Cohen's kappa" article (50 grant proposals read by two readers:
     * yes/yes 20, yes/no 5, no/yes 10, no/no 15): p_o = 0.7, p_e = 0.5, κ = 0.4.
     */
    @Test
    void shouldComputeCohensKappaOfTheTextbookTable() {
        QualityMetrics yesNo = new QualityMetrics(List.of("yes", "no"), SensitiveTerms.none());
        int n = 0;
        for (String[] cell : new String[][] {{"yes", "yes", "20"}, {"yes", "no", "5"}, {"no", "yes", "10"},
                {"no", "no", "15"}}) {
            for (int i = 0; i < Integer.parseInt(cell[2]); i++) {
                yesNo.accept(item("i" + n++, "p1", "t", cell[0], cell[0], cell[1]));
            }
        }

        Agreement agreement = yesNo.result(ThresholdValues.defaults(), 50, 0).agreement();

        assertThat(agreement.kappaItems()).isEqualTo(50);
        assertThat(agreement.observedAgreement()).isCloseTo(0.7, within(1e-9));
        assertThat(agreement.expectedAgreement()).isCloseTo(0.5, within(1e-9));
        assertThat(agreement.kappa()).isCloseTo(0.4, within(1e-9));
        assertThat(agreement.percentAgreement()).isCloseTo(0.7, within(1e-9));
        assertThat(agreement.pairCounts()).containsExactly(new PairCount("no", "no", 15), new PairCount("no", "yes", 10),
                new PairCount("yes", "no", 5), new PairCount("yes", "yes", 20));
    }

    @Test
    void shouldDefineKappaAsOneWhenEveryLabelIsTheSameClass() {
        metrics.accept(item("1", "p", "t", "billing", "billing", "billing"));
        metrics.accept(item("2", "p", "t", "billing", "billing", "billing"));

        Agreement agreement = metrics.result(ThresholdValues.defaults(), 2, 0).agreement();

        assertThat(agreement.kappa()).isEqualTo(1.0);
        assertThat(agreement.expectedAgreement()).isEqualTo(1.0);
        assertThat(agreement.percentAgreement()).isEqualTo(1.0);
    }

    @Test
    void shouldGiveNegativeKappaForSystematicDisagreement() {
        metrics.accept(item("1", "p", "t", "billing", "billing", "refund"));
        metrics.accept(item("2", "p", "t", "refund", "refund", "billing"));

        assertThat(metrics.result(ThresholdValues.defaults(), 2, 0).agreement().kappa()).isCloseTo(-1.0, within(1e-9));
    }

    @Test
    void shouldOrderRatersBySlotAndIgnoreMissingLabels() {
        metrics.accept(new ItemRecord("1", "p", "t", List.of(new Annotation(1, "bob", "refund"),
                new Annotation(0, "ann", "billing"), new Annotation(2, "cy", null)), "billing", false));

        Agreement agreement = metrics.result(ThresholdValues.defaults(), 1, 0).agreement();

        assertThat(agreement.pairCounts()).containsExactly(new PairCount("billing", "refund", 1));
        assertThat(agreement.overlapItems()).isEqualTo(1);
        assertThat(agreement.agreedItems()).isZero();
    }

    @Test
    void shouldCountItemsWithMoreThanTwoLabelsForPercentAgreementOnly() {
        metrics.accept(item("1", "p", "t", "billing", "billing", "billing", "billing"));
        metrics.accept(item("2", "p", "t", "billing", "billing", "billing", "refund"));
        metrics.accept(item("3", "p", "t", "refund", "refund", "refund"));
        metrics.accept(item("4", "p", "t", "delivery", "delivery"));

        Agreement agreement = metrics.result(ThresholdValues.defaults(), 4, 0).agreement();

        assertThat(agreement.overlapItems()).isEqualTo(3);
        assertThat(agreement.agreedItems()).isEqualTo(2);
        assertThat(agreement.percentAgreement()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(agreement.kappaItems()).isEqualTo(1);
    }

    @Test
    void shouldReportUnmeasurableAgreementAsNullAndFailItsChecks() {
        metrics.accept(item("1", "p", "t", "billing", "billing"));

        QualityResult result = metrics.result(ThresholdValues.defaults(), 1, 0);

        assertThat(result.agreement().percentAgreement()).isNull();
        assertThat(result.agreement().kappa()).isNull();
        assertThat(result.checks()).filteredOn(c -> c.metric().equals("kappa")).singleElement()
                .satisfies(c -> assertThat(c.passed()).isFalse());
        assertThat(result.packages()).singleElement().satisfies(p -> {
            assertThat(p.agreement()).isNull();
            assertThat(p.passed()).isTrue();
        });
    }

    @Test
    void shouldComputeCompletenessDuplicateAndSensitiveRatios() {
        metrics.accept(item("1", "p", "含有机密信息", "billing", "billing", "billing"));
        metrics.accept(item("2", "p", "project FALCON update", null, "refund", "refund"));
        metrics.accept(item("3", "p", "plain", "complaint", "refund", "refund"));
        metrics.accept(item("4", "p", "plain", "refund", "refund", "refund"));

        QualityResult result = metrics.result(ThresholdValues.defaults(), 100, 3);

        assertThat(result.items()).isEqualTo(4);
        assertThat(result.completeItems()).isEqualTo(2);
        assertThat(result.completeness()).isEqualTo(0.5);
        assertThat(result.classBalance().unknownLabels()).isEqualTo(1);
        assertThat(result.duplicateRate()).isEqualTo(0.03);
        assertThat(result.sensitiveItems()).isEqualTo(2);
        assertThat(result.sensitiveRatio()).isEqualTo(0.5);
    }

    @Test
    void shouldComputeClassBalance() {
        for (int i = 0; i < 6; i++) {
            metrics.accept(item("b" + i, "p", "t", "billing"));
        }
        for (int i = 0; i < 3; i++) {
            metrics.accept(item("d" + i, "p", "t", "delivery"));
        }
        for (int i = 0; i < 3; i++) {
            metrics.accept(item("r" + i, "p", "t", "refund"));
        }

        ClassBalance balance = metrics.result(ThresholdValues.defaults(), 12, 0).classBalance();

        assertThat(balance.counts()).containsExactly(org.assertj.core.api.Assertions.entry("billing", 6L),
                org.assertj.core.api.Assertions.entry("delivery", 3L),
                org.assertj.core.api.Assertions.entry("refund", 3L));
        assertThat(balance.imbalanceRatio()).isEqualTo(2.0);
        assertThat(balance.minClassCount()).isEqualTo(3);
        double h = -(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25));
        assertThat(balance.normalizedEntropy()).isCloseTo(h / Math.log(3), within(1e-12));
    }

    @Test
    void shouldReportAnEmptyClassAsInfiniteImbalanceAndFailMinClassCount() {
        metrics.accept(item("1", "p", "t", "billing"));
        metrics.accept(item("2", "p", "t", "delivery"));

        QualityResult result = metrics.result(ThresholdValues.defaults(), 2, 0);

        assertThat(result.classBalance().counts()).containsEntry("refund", 0L);
        assertThat(result.classBalance().imbalanceRatio()).isNull();
        assertThat(result.classBalance().normalizedEntropy()).isCloseTo(Math.log(2) / Math.log(3), within(1e-12));
        assertThat(result.checks()).filteredOn(c -> c.metric().equals("minClassCount")).singleElement()
                .isEqualTo(new Check("minClassCount", 0.0, 1, ">=", false));
    }

    @Test
    void shouldPerfectlyBalancedClassesHaveEntropyOne() {
        LABELS.forEach(label -> metrics.accept(item(label, "p", "t", label)));

        assertThat(metrics.result(ThresholdValues.defaults(), 3, 0).classBalance().normalizedEntropy())
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldListFailingPackagesSortedWithTheirReasons() {
        // p3: agreement 1/2 < 0.8
        metrics.accept(item("1", "p3", "t", "billing", "billing", "refund"));
        metrics.accept(item("2", "p3", "t", "refund", "refund", "refund"));
        // p1: an item without final label
        metrics.accept(item("3", "p1", "t", "billing", "billing", "billing"));
        metrics.accept(item("4", "p1", "t", null, "delivery", "delivery"));
        // p2: all good
        metrics.accept(item("5", "p2", "t", "delivery", "delivery", "delivery"));
        // p0: a rejected item
        metrics.accept(new ItemRecord("6", "p0", "t", List.of(new Annotation(0, "a", "refund"),
                new Annotation(1, "b", "refund")), "refund", true));

        QualityResult result = metrics.result(ThresholdValues.defaults(), 6, 0);

        assertThat(result.failingPackageIds()).containsExactly("p0", "p1", "p3");
        assertThat(result.packages()).extracting(PackageQuality::packageId).containsExactly("p0", "p1", "p2", "p3");
        assertThat(result.packages().get(3)).isEqualTo(new PackageQuality("p3", 2, 2, 1, 0.5, 0, 0, false));
        assertThat(result.packages().get(1).withoutFinalLabel()).isEqualTo(1);
        assertThat(result.packages().get(0).rejected()).isEqualTo(1);
    }

    @Test
    void shouldPassOnlyWhenEveryCheckPasses() {
        for (String label : LABELS) {
            for (int i = 0; i < 10; i++) {
                metrics.accept(item(label + i, "p" + (i % 2), "text", label, label, label));
            }
        }

        QualityResult good = metrics.result(ThresholdValues.defaults(), 31, 1);
        QualityResult tooManyDuplicates = metrics.result(ThresholdValues.defaults(), 31, 2);

        assertThat(good.checks()).extracting(Check::metric).containsExactly("completeness", "validity", "agreement",
                "kappa", "alpha", "duplicateRate", "nearDuplicateRate", "sensitiveRatio", "minClassCount");
        assertThat(good.checks()).allSatisfy(c -> assertThat(c.passed()).isTrue());
        assertThat(good.passed()).isTrue();
        assertThat(good.failingPackageIds()).isEmpty();
        assertThat(tooManyDuplicates.passed()).isFalse();
        assertThat(tooManyDuplicates.checks().get(5)).isEqualTo(new Check("duplicateRate", 2.0 / 31, 0.05, "<=", false));
        assertThat(tooManyDuplicates.failedChecks()).containsExactly("duplicateRate");
    }

    @Test
    void shouldFailEverythingMeasurableOnAnEmptyRound() {
        QualityResult result = metrics.result(ThresholdValues.defaults(), 0, 0);

        assertThat(result.items()).isZero();
        assertThat(result.completeness()).isZero();
        assertThat(result.duplicateRate()).isZero();
        assertThat(result.passed()).isFalse();
        assertThat(result.classBalance().imbalanceRatio()).isNull();
        assertThat(result.classBalance().normalizedEntropy()).isNull();
    }

    @Test
    void shouldUseTheThresholdsGiven() {
        metrics.accept(item("1", "p", "t", "billing", "billing", "refund"));
        ThresholdValues lenient = ThresholdValues.of(Map.of(Vars.MIN_COMPLETENESS, 0, Vars.MIN_AGREEMENT, 0, Vars.MIN_KAPPA, -1,
                Vars.MAX_DUPLICATE_RATE, 1, Vars.MAX_SENSITIVE_RATIO, 1, Vars.MIN_CLASS_COUNT, 0, Vars.MIN_ALPHA, -1,
                Vars.MIN_IOU, 0, Vars.MIN_SPAN_F1, 0, Vars.MAX_NEAR_DUPLICATE_RATE, 1))
                .with(Vars.MIN_GOLD_ACCURACY, 0).with(Vars.MIN_VALIDITY, 0);

        assertThat(metrics.result(lenient, 1, 0).passed()).isTrue();
        assertThat(ThresholdValues.defaults().asVariables()).isEqualTo(
                Map.ofEntries(Map.entry(Vars.MIN_COMPLETENESS, 0.95), Map.entry(Vars.MIN_VALIDITY, 0.99),
                        Map.entry(Vars.MIN_AGREEMENT, 0.8), Map.entry(Vars.MIN_KAPPA, 0.6),
                        Map.entry(Vars.MIN_ALPHA, 0.667), Map.entry(Vars.MIN_IOU, 0.5), Map.entry(Vars.MIN_SPAN_F1, 0.8),
                        Map.entry(Vars.MIN_GOLD_ACCURACY, 0.8), Map.entry(Vars.MIN_CLASS_COUNT, 1.0),
                        Map.entry(Vars.MAX_DUPLICATE_RATE, 0.05), Map.entry(Vars.MAX_NEAR_DUPLICATE_RATE, 0.05),
                        Map.entry(Vars.MAX_SENSITIVE_RATIO, 0.01)));
        assertThat(ThresholdValues.from(name -> name.equals(Vars.MIN_IOU) ? 0.7 : null).value(Vars.MIN_IOU))
                .as("a demand's value wins over the default").isEqualTo(0.7);
    }
}
