package io.refinery.engine.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workflows.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dataset step templates as a file: schema, bilingual names, topics from {@link Topics}, working patterns. */
class ElementTemplatesFileTest {
    private final Map<String, JsonNode> templates = ElementTemplates.datasetSteps().byId();

    @Test
    void shouldDescribeEveryDatasetStepBilinguallyForCamunda7() {
        assertThat(templates.keySet()).containsExactly("io.refinery.step.collect", "io.refinery.step.process",
                "io.refinery.step.prelabel", "io.refinery.step.plan-round", "io.refinery.step.label", "io.refinery.step.expert-review",
                "io.refinery.step.quality-check", "io.refinery.step.qc-gate", "io.refinery.step.release");
        Pattern bilingual = Pattern.compile("\\S.* / .*\\p{IsHan}.*");
        for (JsonNode t : templates.values()) {
            assertThat(t.path("$schema").asText())
                    .isEqualTo("https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json");
            assertThat(t.path("name").asText()).matches(bilingual);
            assertThat(t.path("version").asInt()).isPositive();
            for (JsonNode p : t.path("properties")) {
                if (!"Hidden".equals(p.path("type").asText())) {
                    assertThat(p.path("label").asText()).as("label in %s", t.path("id")).matches(bilingual);
                }
            }
        }
    }

    @Test
    void shouldFixTheTopicsOfTheAutomatedStepsToTheSharedConstants() {
        List<String> topics = new ArrayList<>();
        for (JsonNode t : templates.values()) {
            for (JsonNode p : t.path("properties")) {
                if ("camunda:topic".equals(p.path("binding").path("name").asText())) {
                    assertThat(p.path("type").asText()).isEqualTo("Hidden");
                    topics.add(p.path("value").asText());
                }
            }
        }
        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void shouldAcceptTheDefaultsAndRefuseBadValuesByPattern() {
        for (JsonNode t : templates.values()) {
            for (JsonNode p : t.path("properties")) {
                JsonNode pattern = p.path("constraints").path("pattern").path("value");
                if (!pattern.isMissingNode()) {
                    assertThat(p.path("value").asText()).as("default of %s", p.path("label"))
                            .matches(Pattern.compile(pattern.asText()));
                }
            }
        }
        Pattern operators = pattern("io.refinery.step.process", "operators");
        assertThat(operators.matcher("normalize, mask-pii(kinds=phone|email)").matches()).isTrue();
        assertThat(operators.matcher("normalize,dedup, mask-pii").matches()).isTrue();
        assertThat(operators.matcher("normalize, mask-pi").matches()).isFalse();
        assertThat(operators.matcher("normalize mask-pii").matches()).isFalse();
        Pattern sla = pattern("io.refinery.step.label", "camunda:dueDate");
        assertThat(sla.matcher("P3D").matches()).isTrue();
        assertThat(sla.matcher("PT4H").matches()).isTrue();
        assertThat(sla.matcher("3 days").matches()).isFalse();
        assertThat(sla.matcher("P").matches()).isFalse();
    }

    private Pattern pattern(String template, String binding) {
        for (JsonNode p : templates.get(template).path("properties")) {
            if (binding.equals(p.path("binding").path("name").asText())) {
                return Pattern.compile(p.path("constraints").path("pattern").path("value").asText());
            }
        }
        throw new AssertionError(binding);
    }
}
