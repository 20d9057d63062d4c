package io.refinery.workers.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A drift check over small fixtures: class shift, each kind of anomaly, the summary of crossed limits. */
class DriftMeasurementTest {

    private static DriftMeasurement referenceOfTwenty() {
        DriftMeasurement m = new DriftMeasurement();
        for (int i = 0; i < 10; i++) {
            m.reference("my invoice shows a double charge " + i, "billing");
            m.reference("the parcel has not arrived yet " + i, "delivery");
        }
        return m;
    }

    @Test
    void shouldFindNoDriftInDataLikeTheReference() {
        DriftMeasurement m = referenceOfTwenty();
        for (int i = 0; i < 5; i++) {
            m.newer("my invoice shows a double charge again", "billing");
            m.newer("the parcel has not arrived", "delivery");
        }
        DriftReport report = m.report(DriftLimits.DEFAULTS);

        assertThat(report.psi()).isCloseTo(0, within(1e-12));
        assertThat(report.anomalyRatio()).isZero();
        assertThat(report.exceeded()).isFalse();
        assertThat(report.summary()).isEmpty();
        assertThat(report.referenceCount()).isEqualTo(20);
        assertThat(report.newCount()).isEqualTo(10);
    }

    @Test
    void shouldCountEachKindOfAnomalyOnce() {
        DriftMeasurement m = referenceOfTwenty();
        m.newer("   ", null);                                          // empty
        m.newer("charge ".repeat(20), "billing");                       // 140 chars > 2 × 35
        m.newer("quantum entanglement photon lattice", "billing");      // every token unseen
        m.newer("invoice", "billing");                                  // ln(1+7) is 1.45 below the mean ln(1+~33): z > 3 even at the minimum spread 0.25
        m.newer("the parcel has not arrived yet 3", "delivery");        // ordinary
        DriftReport report = m.report(DriftLimits.DEFAULTS);

        assertThat(report.anomalies()).containsEntry(Anomaly.EMPTY, 1L).containsEntry(Anomaly.TOO_LONG, 1L)
                .containsEntry(Anomaly.OUT_OF_VOCABULARY, 1L).containsEntry(Anomaly.LENGTH_OUTLIER, 1L);
        assertThat(report.anomalyRatio()).isCloseTo(0.8, within(1e-12));
        assertThat(report.newClasses()).containsEntry(DriftMeasurement.NO_LABEL, 1L);
    }

    @Test
    void shouldSummariseTheLimitsCrossed() {
        DriftMeasurement m = referenceOfTwenty();
        for (int i = 0; i < 9; i++) {
            m.newer("my invoice shows a double charge " + i, "billing");
        }
        m.newer("the parcel has not arrived yet", "delivery");
        DriftReport report = m.report(new DriftLimits(0.2, 0.5, 0.05));

        // reference 50/50, new 90/10: PSI = 0.4·ln(1.8) + (-0.4)·ln(0.2) = 0.2351147 + 0.6437752
        assertThat(report.psi()).isCloseTo(0.8788898, within(1e-6));
        assertThat(report.tvd()).isCloseTo(0.4, within(1e-12));
        assertThat(report.exceeded()).isTrue();
        assertThat(report.summary()).isEqualTo("PSI 0.879 > 0.2");
    }

    @Test
    void shouldRefuseAReportWithoutItemsOnOneSide() {
        assertThatThrownBy(() -> referenceOfTwenty().report(DriftLimits.DEFAULTS))
                .hasMessageContaining("reference 20, new 0");
    }

    @Test
    void shouldTokenizeWordsAndEveryChineseCharacter() {
        StringBuilder seen = new StringBuilder();
        TextProfile.tokens("Refund 退款了, order#42", t -> seen.append('[').append(t).append(']'));
        assertThat(seen).hasToString("[refund][退][款][了][order][42]");
    }
}
