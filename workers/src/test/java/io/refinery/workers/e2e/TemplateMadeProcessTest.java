package io.refinery.workers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.modeling.ElementTemplates;
import io.refinery.workers.api.EngineApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process made only of steps from the designer's element templates (Collect, Process with two operators,
 * Pre-label), deployed and started through {@code /api/models} as a manager, runs through the real workers over
 * HTTP: the stored items show exactly the configured operators (phone and e-mail masked) and none of those left out
 * (ID and bank card numbers stay; the worker drops no duplicate, the engine still stores one item per content hash).
 */
class TemplateMadeProcessTest {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");

    @Test
    void templateMadeStepsRunThroughTheRealWorkersWithTheConfiguredOperators(@TempDir Path data) throws Exception {
        try (TestPlatform platform = TestPlatform.h2(data)) {
            platform.startWorker("w1");
            EngineApi manager = platform.as("manager");
            EngineApi admin = platform.as("admin");

            String xml = Bpmn.convertToString(templateMadeProcess());
            JsonNode deployment = manager.postJson("/api/models/deployments", Map.of("name", "template-made",
                    "files", List.of(Map.of("fileName", "template-made.bpmn", "xml", xml))));
            String definitionId = deployment.path("definitions").get(0).path("definitionId").asText();
            String instanceId = manager.postJson("/api/models/definitions/" + definitionId + "/instances",
                    Map.of("variables", Map.of("sample", "customer-service"))).path("processInstanceId").asText();

            awaitEnd(admin, instanceId);
            long versionId = -1;
            for (JsonNode var : admin.get("/engine-rest/history/variable-instance?processInstanceIdIn=" + instanceId
                    + "&variableName=versionId")) {
                versionId = var.path("value").asLong();
            }
            JsonNode version = admin.get("/api/versions/" + versionId);
            assertThat(version.path("stats").path("process").path("operators"))
                    .extracting(JsonNode::asText).containsExactly("normalize", "mask-pii(kinds=phone|email)");
            assertThat(version.path("stats").path("process").path("duplicates").asLong())
                    .as("dedup was left out: the worker dropped nothing").isZero();
            assertThat(version.path("stats").path("process").path("kept").asLong()).isEqualTo(1950);
            assertThat(version.path("stats").path("prelabel").path("items").asLong())
                    .as("the engine still stores one item per content hash").isEqualTo(1850);

            List<String> texts = new ArrayList<>();
            admin.streamNdjson("/api/versions/" + versionId + "/items", item -> texts.add(item.path("text").asText()));
            assertThat(texts).hasSize(1850);
            assertThat(texts).noneMatch(t -> EMAIL.matcher(t).find()).noneMatch(t -> MOBILE.matcher(t).find());
            assertThat(texts.stream().filter(t -> t.contains("[PHONE]")).count()).isGreaterThanOrEqualTo(50);
            assertThat(texts.stream().filter(t -> t.contains("[EMAIL]")).count()).isGreaterThanOrEqualTo(30);
            assertThat(texts).as("ID and bank card numbers are not masked: kinds=phone|email")
                    .noneMatch(t -> t.contains("[ID_CARD]") || t.contains("[BANK_CARD]"))
                    .anyMatch(t -> Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])").matcher(t).find());
        }
    }

    /** start → Collect → Process(normalize, mask-pii(kinds=phone|email)) → Pre-label → end, all from templates. */
    static BpmnModelInstance templateMadeProcess() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("template-made").name("Template made / 模板流程")
                .camundaHistoryTimeToLive(30)
                .startEvent("start").name("Start / 开始")
                .serviceTask("collect").serviceTask("process").serviceTask("prelabel")
                .endEvent("end").name("End / 结束").done();
        ElementTemplates templates = ElementTemplates.datasetSteps();
        templates.apply("io.refinery.step.collect", model.getModelElementById("collect"), Map.of());
        templates.apply("io.refinery.step.process", model.<ServiceTask>getModelElementById("process"),
                Map.of("operators", "normalize, mask-pii(kinds=phone|email)"));
        templates.apply("io.refinery.step.prelabel", model.getModelElementById("prelabel"), Map.of());
        return model;
    }

    private static void awaitEnd(EngineApi admin, String instanceId) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode instance = admin.get("/engine-rest/history/process-instance/" + instanceId);
            if ("COMPLETED".equals(instance.path("state").asText())) {
                return;
            }
            JsonNode incidents = admin.get("/engine-rest/incident?processInstanceId=" + instanceId);
            assertThat(incidents).as("incidents of the template-made instance").isEmpty();
            Thread.sleep(250);
        }
        throw new AssertionError("instance " + instanceId + " did not end within 3 minutes");
    }
}
