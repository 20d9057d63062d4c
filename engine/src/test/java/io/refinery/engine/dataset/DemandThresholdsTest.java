package io.refinery.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.refinery.workflows.Threshold;
import io.refinery.workflows.ThresholdValues;
import io.refinery.workflows.Vars;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every gate threshold can come from the demand; what it leaves out takes the one shared default. */
class DemandThresholdsTest {

    @Test
    void thresholdsOfTheDemandWinAndTheRestTakeTheSharedDefaults() throws Exception {
        Demand demand = new ObjectMapper().registerModule(new JavaTimeModule()).readValue("""
                {"name":"boxes","taskType":"image-bbox","labelSet":["valve"],"targetSize":10,"source":"upload",
                 "thresholds":{"minIou":0.7,"minClassCount":25,"minCompleteness":0.9}}""", Demand.class);

        Map<String, Double> vars = demand.withDefaults().thresholds().asVariables();

        assertThat(vars).containsOnlyKeys(Threshold.defaults().keySet());
        assertThat(vars).containsEntry(Vars.MIN_IOU, 0.7).containsEntry(Vars.MIN_CLASS_COUNT, 25.0)
                .containsEntry(Vars.MIN_COMPLETENESS, 0.9)
                .containsEntry(Vars.MIN_ALPHA, Threshold.defaults().get(Vars.MIN_ALPHA))
                .containsEntry(Vars.MAX_NEAR_DUPLICATE_RATE, Threshold.defaults().get(Vars.MAX_NEAR_DUPLICATE_RATE));
        assertThat(new Demand("n", null, "ner", List.of("PER"), null, 1, null, null, "upload", null, null, null, null,
                null).withDefaults().thresholds()).isEqualTo(ThresholdValues.defaults());
        assertThat(ThresholdValues.defaults().asVariables()).isEqualTo(Threshold.defaults());
    }

    @Test
    void aNameThatIsNoThresholdAndAValueOutOfRangeAreNamedNotDropped() throws Exception {
        Demand demand = new ObjectMapper().registerModule(new JavaTimeModule()).readValue("""
                {"name":"texts","taskType":"classification","labelSet":["a"],"targetSize":10,"source":"upload",
                 "thresholds":{"minAgreemnt":0.9,"minKappa":1.5,"minCompleteness":null}}""", Demand.class);

        assertThat(demand.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("thresholds.minAgreemnt: no such threshold (known: ")
                        .contains("minAgreement"))
                .anySatisfy(p -> assertThat(p).startsWith("thresholds.minKappa: ").contains("between -1 and 1"));
        // what the demand gave is what it stores: no nulls, no defaults filled in, the misspelt name kept
        assertThat(new ObjectMapper().writeValueAsString(demand.thresholds()))
                .isEqualTo("{\"minKappa\":1.5,\"minAgreemnt\":0.9}");
    }
}
