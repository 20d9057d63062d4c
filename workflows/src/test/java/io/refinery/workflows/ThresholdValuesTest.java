package io.refinery.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The values of the thresholds: what is given wins, the rest is {@link Threshold}'s default, every fault is named. */
class ThresholdValuesTest {

    @Test
    void givenValuesWinTheRestDefaultAndEveryThresholdBecomesAVariable() {
        ThresholdValues values = ThresholdValues.of(Map.of(Vars.MIN_KAPPA, 0.7, Vars.MIN_CLASS_COUNT, 25));

        assertThat(values.given(Vars.MIN_KAPPA)).isEqualTo(0.7);
        assertThat(values.given(Vars.MIN_IOU)).isNull();
        assertThat(values.value(Vars.MIN_CLASS_COUNT)).isEqualTo(25.0);
        assertThat(values.value(Vars.MIN_IOU)).isEqualTo(Threshold.byName(Vars.MIN_IOU).orElseThrow().fallback());
        assertThat(values.asVariables()).containsOnlyKeys(Threshold.defaults().keySet())
                .containsEntry(Vars.MIN_KAPPA, 0.7);
        assertThat(values.asVariables().keySet()).containsExactlyElementsOf(Threshold.defaults().keySet());
        assertThat(values.orDefaults().givenValues()).isEqualTo(values.asVariables());
        assertThat(ThresholdValues.defaults().asVariables()).isEqualTo(Threshold.defaults());
        assertThat(ThresholdValues.from(name -> name.equals(Vars.MIN_IOU) ? 0.9 : null))
                .isEqualTo(ThresholdValues.of(Map.of(Vars.MIN_IOU, 0.9)));
        assertThatThrownBy(() -> values.value("minAgreemnt")).hasMessageContaining("minAgreemnt");
    }

    @Test
    void valuesInRangeHaveNoProblemAndEachFaultIsNamedByItsField() {
        assertThat(ThresholdValues.defaults().problems()).isEmpty();
        assertThat(ThresholdValues.of(Map.of(Vars.MIN_KAPPA, -1, Vars.MIN_AGREEMENT, 1, Vars.MIN_CLASS_COUNT, 3))
                .problems()).isEmpty();

        Map<String, Number> bad = new HashMap<>();
        bad.put(Vars.MIN_AGREEMENT, 1.5);
        bad.put(Vars.MIN_CLASS_COUNT, 2.5);
        bad.put("minAgreemnt", 0.9);
        bad.put(Vars.MIN_IOU, null);
        assertThat(ThresholdValues.of(bad).problems()).containsExactly(
                "thresholds.minAgreement: Agreement (minAgreement) must be between 0 and 1, not 1.5",
                "thresholds.minClassCount: Items per class (k) (minClassCount) must be a whole number of items, not 2.5",
                "thresholds.minAgreemnt: no such threshold (known: " + String.join(", ",
                        new java.util.TreeSet<>(Threshold.defaults().keySet())) + ")");
        assertThat(ThresholdValues.of(bad).orDefaults().givenValues()).doesNotContainKey("minAgreemnt");
    }

    @Test
    void jsonHoldsWhatWasGivenAndReadsBackTheSame() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ThresholdValues values = json.readValue("{\"minIou\":0.7,\"minClassCount\":25,\"minKappa\":null}",
                ThresholdValues.class);

        assertThat(values.givenValues()).containsExactly(Map.entry(Vars.MIN_IOU, 0.7),
                Map.entry(Vars.MIN_CLASS_COUNT, 25.0));
        assertThat(json.writeValueAsString(values)).isEqualTo("{\"minIou\":0.7,\"minClassCount\":25.0}");
        assertThat(json.readValue(json.writeValueAsString(values), ThresholdValues.class)).isEqualTo(values);
    }
}
