package io.refinery.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.support.ApiCalls;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A demand names the process that builds it: any deployed version that passes the dataset-process contract. The
 * instance keeps the version it started on; a new demand takes the version chosen (or the latest). Thresholds are
 * checked against their one definition, at the demand and at approval alike.
 */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/demand-process",
                "spring.datasource.url=jdbc:h2:mem:demandprocess;DB_CLOSE_DELAY=-1"})
class DemandProcessApiTest {
    static final String VARIANT = "dataset-construction-no-review";

    @Value("${local.server.port}")
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    TaskService tasks;

    ApiCalls api;

    @BeforeEach
    void client() {
        api = new ApiCalls(port);
    }

    static Map<String, Object> demand(String name) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("taskType", "text-classification");
        d.put("labelSet", List.of("billing", "outage"));
        d.put("targetSize", 100);
        d.put("source", "upload");
        return d;
    }

    private JsonNode deployVariant() throws Exception {
        String xml;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("templates/no-expert-review.bpmn")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ApiCalls.Answer deployed = api.call("POST", "/api/models/deployments", "manager", Map.of("name", VARIANT,
                "files", List.of(Map.of("fileName", VARIANT + ".bpmn", "xml", xml))));
        assertThat(deployed.status()).isEqualTo(201);
        return deployed.body().path("definitions").get(0);
    }

    @Test
    void aDemandRunsTheVersionItNamesAndTheInstanceKeepsIt() throws Exception {
        JsonNode v1 = deployVariant();
        Map<String, Object> first = demand("drawn-a");
        first.put("processKey", VARIANT);
        ApiCalls.Answer filed = api.call("POST", "/api/demands", "manager", first);
        assertThat(filed.status()).isEqualTo(201);
        assertThat(filed.body().path("processKey").asText()).isEqualTo(VARIANT);
        String firstInstance = filed.body().path("processInstanceId").asText();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(firstInstance).singleResult()
                .getProcessDefinitionId()).isEqualTo(v1.path("definitionId").asText());

        JsonNode v2 = deployVariant();
        assertThat(v2.path("version").asInt()).isEqualTo(v1.path("version").asInt() + 1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(firstInstance).singleResult()
                .getProcessDefinitionId()).as("the running instance keeps its version")
                .isEqualTo(v1.path("definitionId").asText());

        Map<String, Object> latest = demand("drawn-b");
        latest.put("processKey", VARIANT);
        JsonNode onLatest = api.call("POST", "/api/demands", "manager", latest).body();
        assertThat(onLatest.path("processVersion").asInt()).isEqualTo(v2.path("version").asInt());

        Map<String, Object> pinned = demand("drawn-c");
        pinned.put("processKey", VARIANT);
        pinned.put("processVersion", v1.path("version").asInt());
        JsonNode onPinned = api.call("POST", "/api/demands", "manager", pinned).body();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(onPinned.path("processInstanceId").asText())
                .singleResult().getProcessDefinitionId()).isEqualTo(v1.path("definitionId").asText());

        JsonNode listed = null;
        for (JsonNode row : api.call("GET", "/api/demands", "manager", null).body()) {
            if (row.path("versionId").asLong() == onPinned.path("versionId").asLong()) {
                listed = row;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("processKey").asText()).isEqualTo(VARIANT);
        assertThat(listed.path("processVersion").asInt()).isEqualTo(v1.path("version").asInt());
        assertThat(listed.path("state").asText()).isEqualTo("RUNNING");
        assertThat(listed.path("currentSteps").toString()).contains("Approve demand");
        assertThat(listed.path("openTasks").asLong()).isEqualTo(1);
        assertThat(api.call("GET", "/api/demands", "ann1", null).status()).isEqualTo(403);
    }

    @Test
    void aDemandWithoutProcessRunsTheShippedOneAndItsTasksTakeItsPriority() throws Exception {
        Map<String, Object> urgent = demand("shipped");
        urgent.put("priority", 80);
        JsonNode filed = api.call("POST", "/api/demands", "manager", urgent).body();
        assertThat(filed.path("processKey").asText()).isEqualTo("dataset-construction");
        assertThat(tasks.createTaskQuery().processInstanceId(filed.path("processInstanceId").asText()).singleResult()
                .getPriority()).as("the human tasks take the demand's priority").isEqualTo(80);
        assertThat(repository.getProcessDefinition(runtime.createProcessInstanceQuery()
                .processInstanceId(filed.path("processInstanceId").asText()).singleResult().getProcessDefinitionId())
                .getKey()).isEqualTo("dataset-construction");
    }

    @Test
    void aProcessThatCannotBuildADatasetIsRefusedWithTheReason() throws Exception {
        Map<String, Object> unknown = demand("unknown-process");
        unknown.put("processKey", "no-such-process");
        ApiCalls.Answer refused = api.call("POST", "/api/demands", "manager", unknown);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText()).contains("processKey").contains("no-such-process");

        String plain = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://t">
                  <bpmn:process id="plain-approval" name="Plain / 普通" isExecutable="true" camunda:historyTimeToLive="30">
                    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:userTask id="t" name="Check" camunda:candidateGroups="managers">
                      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
                    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
                  </bpmn:process>
                </bpmn:definitions>""";
        assertThat(api.call("POST", "/api/models/deployments", "manager", Map.of("name", "plain", "files",
                List.of(Map.of("fileName", "plain.bpmn", "xml", plain)))).status()).isEqualTo(201);
        Map<String, Object> onPlain = demand("plain-process");
        onPlain.put("processKey", "plain-approval");
        ApiCalls.Answer notDataset = api.call("POST", "/api/demands", "manager", onPlain);
        assertThat(notDataset.status()).isEqualTo(400);
        assertThat(notDataset.body().path("message").asText()).contains("processKey")
                .contains("cannot build a dataset").contains("has no collect");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("plain-approval").count()).isZero();
    }

    @Test
    void thresholdsHaveOneRangeAtTheDemandAndAtApproval() throws Exception {
        Map<String, Object> bad = demand("bad-thresholds");
        bad.put("thresholds", Map.of("minKappa", 2, "minCompleteness", -0.5));
        ApiCalls.Answer refused = api.call("POST", "/api/demands", "manager", bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText())
                .contains("thresholds.minKappa").contains("between -1 and 1")
                .contains("thresholds.minCompleteness").contains("between 0 and 1");

        JsonNode filed = api.call("POST", "/api/demands", "manager", demand("approve-range")).body();
        String task = tasks.createTaskQuery().processInstanceId(filed.path("processInstanceId").asText())
                .singleResult().getId();
        ApiCalls.Answer approval = api.call("POST", "/api/tasks/" + task + "/complete", "manager",
                Map.of("variables", Map.of("approved", true, "minCompleteness", -0.5)));
        assertThat(approval.status()).isEqualTo(400);
        assertThat(approval.body().path("message").asText()).contains("minCompleteness").contains("between 0 and 1");
        ApiCalls.Answer ok = api.call("POST", "/api/tasks/" + task + "/complete", "manager",
                Map.of("variables", Map.of("approved", true, "minIou", 0.9, "minClassCount", 25)));
        assertThat(ok.status()).isBetween(200, 204);
        assertThat(runtime.getVariable(filed.path("processInstanceId").asText(), "minIou")).isEqualTo(0.9);
    }
}
