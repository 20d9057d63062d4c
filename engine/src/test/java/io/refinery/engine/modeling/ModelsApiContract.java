package io.refinery.engine.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.support.ApiCalls;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import io.refinery.workflows.Vars;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The designer's server side over HTTP and through the service, run on H2 and on PostgreSQL by its subclasses:
 * drafts, validation with the engine's element ids and lines, atomic deploys with who deployed, versions,
 * exports, test instances, templates, and the 403s.
 */
abstract class ModelsApiContract {
    static final CurrentUser MANAGER = new CurrentUser("manager", List.of("managers"), List.of(Roles.MANAGER));
    static final CurrentUser ANNOTATOR = new CurrentUser("ann1", List.of("annotators"), List.of(Roles.ANNOTATOR));

    @Value("${local.server.port}")
    int port;
    @Autowired
    ProcessModels models;
    @Autowired
    ModelDrafts drafts;
    @Autowired
    DeployedModels deployedModels;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;

    ApiCalls api;

    @BeforeEach
    void client() {
        api = new ApiCalls(port);
    }

    static String resource(String path) {
        try (InputStream in = ModelsApiContract.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }

    static String process(String key, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d_%1$s" targetNamespace="http://t">
                  <bpmn:process id="%1$s" name="Test %1$s / 测试" isExecutable="true" camunda:historyTimeToLive="30">
                %2$s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, body);
    }

    static String simple(String key) {
        return process(key, """
                    <bpmn:startEvent id="s" name="Start / 开始"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:userTask id="t" name="Check / 检查" camunda:candidateGroups="managers">
                      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
                    <bpmn:endEvent id="e" name="End / 结束"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>""");
    }

    // ---------------------------------------------------------------------------------------------- drafts

    @Test
    void shouldSaveListReopenUpdateAndDeleteDraftsWithWhoAndWhen() throws Exception {
        ApiCalls.Answer created = api.call("POST", "/api/models/drafts", "manager",
                Map.of("name", "My process", "kind", "BPMN", "xml", simple("my-process")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(created.body().path("savedBy").asText()).isEqualTo("manager");
        assertThat(created.body().path("processKey").asText()).isEqualTo("my-process");

        assertThat(api.call("GET", "/api/models/drafts", "admin", null).body())
                .anySatisfy(d -> assertThat(d.path("id").asText()).isEqualTo(id));
        ApiCalls.Answer updated = api.call("PUT", "/api/models/drafts/" + id, "admin",
                Map.of("name", "My process v2", "kind", "BPMN", "xml", simple("my-process-2")));
        assertThat(updated.status()).isEqualTo(200);
        JsonNode reopened = api.call("GET", "/api/models/drafts/" + id, "manager", null).body();
        assertThat(reopened.path("name").asText()).isEqualTo("My process v2");
        assertThat(reopened.path("savedBy").asText()).isEqualTo("admin");
        assertThat(reopened.path("xml").asText()).isEqualTo(simple("my-process-2"));

        HttpResponse<String> export = raw("GET", "/api/models/drafts/" + id + "/export", "manager");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment").contains("My_process_v2.bpmn");
        assertThat(export.body()).isEqualTo(simple("my-process-2"));

        assertThat(api.call("DELETE", "/api/models/drafts/" + id, "manager", null).status()).isEqualTo(204);
        assertThat(api.call("GET", "/api/models/drafts/" + id, "manager", null).status()).isEqualTo(404);
        assertThat(drafts.drafts()).noneSatisfy(d -> assertThat(d.id()).isEqualTo(id));
    }

    @Test
    void shouldStoreADraftOfSeveralMegabytes() {
        String padding = "<!--" + "x".repeat(3 * 1024 * 1024) + "-->";
        Draft draft = drafts.saveDraft(null, "Big", ModelKind.BPMN, simple("big").replace("</bpmn:definitions>",
                padding + "</bpmn:definitions>"), MANAGER);
        assertThat(drafts.draft(draft.id()).xml()).hasSize(draft.xml().length()).endsWith("</bpmn:definitions>\n");
    }

    @Test
    void shouldForbidAnnotatorsToSaveDeployOrStartAndAnswer403() throws Exception {
        assertThat(api.call("POST", "/api/models/drafts", "ann1",
                Map.of("name", "x", "kind", "BPMN", "xml", simple("x"))).status()).isEqualTo(403);
        assertThat(api.call("POST", "/api/models/deployments", "ann1",
                Map.of("name", "x", "files", List.of(Map.of("fileName", "x.bpmn", "xml", simple("x"))))).status())
                .isEqualTo(403);
        assertThat(api.call("GET", "/api/models/versions", "expert", null).status()).isEqualTo(403);
        assertThatThrownBy(() -> drafts.saveDraft(null, "x", ModelKind.BPMN, simple("x"), ANNOTATOR))
                .hasMessageContaining("only managers and admins may save drafts");
        assertThatThrownBy(() -> models.deploy("x", List.of(new ModelFile("x.bpmn", ModelKind.BPMN, simple("x"))),
                ANNOTATOR)).hasMessageContaining("only managers and admins may deploy");
        assertThatThrownBy(() -> drafts.deleteDraft("nope", ANNOTATOR)).hasMessageContaining("only managers");
    }

    // ---------------------------------------------------------------------------------------------- files

    @Test
    void shouldReadAMultipartUploadAndRefuseAnXxePayloadWithItsCode() throws Exception {
        HttpResponse<String> ok = multipart("ok.bpmn", simple("uploaded"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"kind\":\"BPMN\"").contains("\"fileName\":\"ok.bpmn\"");

        HttpResponse<String> xxe = multipart("evil.bpmn", SafeModelReaderTest.XXE);
        assertThat(xxe.statusCode()).isEqualTo(400);
        assertThat(xxe.body()).contains("\"code\":\"xxe\"").contains("'evil.bpmn', line ")
                .contains("external entities are not allowed").doesNotContain("root:x");

        HttpResponse<String> bomb = multipart("lol.bpmn", SafeModelReaderTest.BILLION_LAUGHS);
        assertThat(bomb.body()).contains("\"code\":\"entity-expansion\"");
    }

    @Test
    void shouldRefuseA50MegabyteStreamThroughTheServiceWithoutReadingItAll() {
        SafeModelReaderTest.CountingStream fifty = new SafeModelReaderTest.CountingStream(50L * 1024 * 1024);
        assertThatThrownBy(() -> models.read("huge.bpmn", fifty))
                .hasMessageContaining("'huge.bpmn': the file is too large").hasMessageContaining("limit is 10 MB");
        assertThat(fifty.served).isLessThanOrEqualTo(10L * 1024 * 1024 + 1);
    }

    // ---------------------------------------------------------------------------------------------- validate

    @Test
    void shouldReportTheEnginesParseErrorsOnTheirElementsWithLines() throws Exception {
        String broken = process("broken", """
                    <bpmn:startEvent id="s" name="Start / 开始"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:serviceTask id="noImpl" name="Nothing / 无"><bpmn:incoming>f1</bpmn:incoming></bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="noImpl"/>""");
        JsonNode validation = api.call("POST", "/api/models/validate", "manager",
                Map.of("files", List.of(Map.of("fileName", "broken.bpmn", "xml", broken)))).body();
        assertThat(validation.path("ok").asBoolean()).isFalse();
        JsonNode engine = first(validation.path("problems"), "engine");
        assertThat(engine.path("elementId").asText()).isEqualTo("noImpl");
        assertThat(engine.path("line").asInt()).isEqualTo(6);
        assertThat(engine.path("fileName").asText()).isEqualTo("broken.bpmn");
        assertThat(engine.path("message").asText()).contains("class");
    }

    @Test
    void shouldReportEveryLintRuleOnItsElement() {
        String lint = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://t">
                  <bpmn:process id="lint" name="Lint / 检查" isExecutable="true">
                    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:serviceTask id="ext" camunda:type="external"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
                    <bpmn:exclusiveGateway id="g"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f4</bpmn:outgoing></bpmn:exclusiveGateway>
                    <bpmn:userTask id="nobody"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing></bpmn:userTask>
                    <bpmn:endEvent id="e"><bpmn:incoming>f4</bpmn:incoming><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
                    <bpmn:task id="alone"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="ext"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="ext" targetRef="g"/>
                    <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="nobody">
                      <bpmn:conditionExpression>${true}</bpmn:conditionExpression></bpmn:sequenceFlow>
                    <bpmn:sequenceFlow id="f4" sourceRef="g" targetRef="e"/>
                    <bpmn:sequenceFlow id="f5" sourceRef="nobody" targetRef="e"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        Validation v = models.validate(List.of(new ModelFile("lint.bpmn", null, lint)));
        assertThat(v.problems()).filteredOn(p -> "lint".equals(p.source()))
                .extracting(Problem::elementId, p -> p.message().replaceAll(".*\\((.+)\\)$", "$1"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("lint", "history-ttl"),
                        org.assertj.core.groups.Tuple.tuple("ext", "camunda-topic"),
                        org.assertj.core.groups.Tuple.tuple("f4", "conditional-flows"),
                        org.assertj.core.groups.Tuple.tuple("nobody", "user-task-group"),
                        org.assertj.core.groups.Tuple.tuple("alone", "no-disconnected"));
    }

    @Test
    void shouldFindTheShippedProcessDecisionAndTemplatesValid() {
        for (String name : models.templateNames()) {
            String xml = models.templateXml(name);
            String fileName = name + (xml.contains("DMN") ? ".dmn" : ".bpmn");
            Validation v = models.validate(List.of(new ModelFile(fileName, null, xml)));
            if (name.startsWith("blank")) {
                continue; // a start event alone is disconnected by design
            }
            assertThat(v.problems()).as("problems of template %s", name).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------- deploy

    @Test
    void shouldDeployBpmnAndDmnTogetherAsNewVersionsAndListWhoDeployed() throws Exception {
        Map<String, Object> request = Map.of("name", "Collect and pre-label", "files", List.of(
                Map.of("fileName", "collect-prelabel.bpmn", "xml", models.templateXml("collect-prelabel")),
                Map.of("fileName", "qc-gate.dmn", "xml", models.templateXml("qc-gate"))));
        ApiCalls.Answer first = api.call("POST", "/api/models/deployments", "manager", request);
        assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(201);
        assertThat(first.body().path("definitions")).extracting(d -> d.path("key").asText())
                .containsExactlyInAnyOrder("collect-prelabel", "qc-gate");
        ApiCalls.Answer second = api.call("POST", "/api/models/deployments", "admin", request);
        assertThat(second.status()).isEqualTo(201);

        JsonNode versions = api.call("GET", "/api/models/versions?key=collect-prelabel", "manager", null).body();
        assertThat(versions.size()).isGreaterThanOrEqualTo(2);
        assertThat(versions.get(0).path("deployedBy").asText()).isEqualTo("admin");
        assertThat(versions.get(1).path("deployedBy").asText()).isEqualTo("manager");
        assertThat(versions.get(0).path("version").asInt()).isEqualTo(versions.get(1).path("version").asInt() + 1);
        assertThat(versions.get(0).path("deployedAt").asText()).isNotBlank();

        String oldId = versions.get(1).path("definitionId").asText();
        HttpResponse<String> xml = raw("GET", "/api/models/definitions/" + oldId + "/xml", "manager");
        assertThat(xml.body()).contains("io.refinery.step.label").contains("multiInstanceLoopCharacteristics")
                .as("the engine completed the template-made label step").contains("assignmentIndex");
        HttpResponse<String> export = raw("GET", "/api/models/definitions/" + oldId + "/export", "manager");
        assertThat(export.headers().firstValue("Content-Disposition").orElse(""))
                .contains("collect-prelabel-v" + versions.get(1).path("version").asInt() + ".bpmn");

        JsonNode all = api.call("GET", "/api/models/versions", "manager", null).body();
        assertThat(all).anySatisfy(d -> assertThat(d.path("key").asText()).isEqualTo("dataset-construction"));
        assertThat(all).anySatisfy(d -> assertThat(d.path("kind").asText()).isEqualTo("DMN"));
    }

    @Test
    void shouldRefuseTheWholeDeployWhenOneFileIsBrokenAndDeployNothing() throws Exception {
        long before = repository.createDeploymentQuery().count();
        String brokenDmn = models.templateXml("qc-gate").replace("hitPolicy=\"FIRST\"", "hitPolicy=\"SOMETIMES\"");
        ApiCalls.Answer answer = api.call("POST", "/api/models/deployments", "manager", Map.of("name", "half",
                "files", List.of(Map.of("fileName", "good.bpmn", "xml", simple("half-good")),
                        Map.of("fileName", "bad.dmn", "xml", brokenDmn))));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("code").asText()).isEqualTo("invalid");
        assertThat(answer.body().path("problems")).anySatisfy(p -> assertThat(p.path("fileName").asText())
                .isEqualTo("bad.dmn"));
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("half-good").count()).isZero();
    }

    @Test
    void shouldStartATestInstanceWithItsOwnDatasetVersionAndTheSample() throws Exception {
        Deployment deployment = models.deploy("cp", List.of(
                new ModelFile("collect-prelabel.bpmn", null, models.templateXml("collect-prelabel"))), MANAGER);
        String definitionId = deployment.definitions().get(0).definitionId();
        ApiCalls.Answer started = api.call("POST", "/api/models/definitions/" + definitionId + "/instances",
                "manager", Map.of("variables", Map.of("packageSize", 5)));
        assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(201);
        String instanceId = started.body().path("processInstanceId").asText();
        Map<String, Object> vars = runtime.getVariables(instanceId);
        assertThat(vars).containsEntry(Vars.SOURCE, "upload").containsEntry(Vars.PACKAGE_SIZE, 5)
                .containsKey(Vars.VERSION_ID).containsKey(Vars.DATASET_ID);
        JsonNode sources = api.call("GET", "/api/versions/" + vars.get(Vars.VERSION_ID) + "/sources", "manager", null)
                .body();
        assertThat(sources).singleElement().satisfies(s -> assertThat(s.path("name").asText())
                .isEqualTo("messages-small.csv"));
    }

    @Test
    void shouldListTemplatesAndServeTheElementTemplates() throws Exception {
        assertThat(models.templateNames()).contains("dataset-construction", "blank", "collect-prelabel", "qc-gate");
        assertThat(models.templateXml("collect-prelabel")).doesNotContain("refinery.process\"")
                .contains("flow_collect_prelabel");
        assertThat(api.call("GET", "/api/models/templates/nope", "manager", null).status()).isEqualTo(404);
        JsonNode templates = api.call("GET", "/api/models/element-templates", "manager", null).body();
        assertThat(templates).extracting(t -> t.path("id").asText()).contains("io.refinery.step.collect",
                "io.refinery.step.process", "io.refinery.step.prelabel", "io.refinery.step.plan-round", "io.refinery.step.label",
                "io.refinery.step.expert-review", "io.refinery.step.qc-gate", "io.refinery.step.release");
    }

    /** Each dataset step template applied alone (its defaults and fixed values) gives a step that deploys. */
    @Test
    void shouldDeployEveryStepTemplateAppliedWithItsDefaults() {
        ElementTemplates templates = ElementTemplates.datasetSteps();
        for (Map.Entry<String, JsonNode> entry : templates.byId().entrySet()) {
            String type = entry.getValue().path("elementType").path("value").asText();
            String key = "step-" + entry.getKey().replace('.', '-');
            var start = org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key).name("Step / 步骤")
                    .camundaHistoryTimeToLive(30).startEvent("s").name("Start / 开始");
            org.camunda.bpm.model.bpmn.BpmnModelInstance model = switch (type) {
                case "bpmn:ServiceTask" -> start.serviceTask("step").endEvent("e").name("End / 结束").done();
                case "bpmn:UserTask" -> start.userTask("step").endEvent("e").name("End / 结束").done();
                case "bpmn:BusinessRuleTask" -> start.businessRuleTask("step").endEvent("e").name("End / 结束").done();
                default -> throw new AssertionError(type);
            };
            org.camunda.bpm.model.bpmn.instance.Task task = model.getModelElementById("step");
            templates.apply(entry.getKey(), task, Map.of());
            String xml = org.camunda.bpm.model.bpmn.Bpmn.convertToString(model);
            Validation validation = models.validate(List.of(new ModelFile(key + ".bpmn", null, xml)));
            assertThat(validation.problems()).as("problems of a step from %s:\n%s", entry.getKey(), xml).isEmpty();
            Deployment deployment = models.deploy(key, List.of(new ModelFile(key + ".bpmn", null, xml)), MANAGER);
            assertThat(deployment.definitions()).singleElement()
                    .satisfies(d -> assertThat(d.key()).isEqualTo(key));
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers


    // ---------------------------------------------------------------------------------------------- manager policy

    /** The payload: an expression that reaches Java reflection, in a condition and a listener. */
    static String reflection(String key) {
        String payload = "${&apos;&apos;.getClass().forName(&apos;java.lang.System&apos;).getMethod(&apos;exit&apos;)}";
        return process(key, """
                    <bpmn:startEvent id="s" name="Start / 开始"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:userTask id="t" name="Check / 检查" camunda:candidateGroups="managers">
                      <bpmn:extensionElements><camunda:executionListener event="start" expression="%1$s"/></bpmn:extensionElements>
                      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
                    <bpmn:endEvent id="e" name="End / 结束"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t">
                      <bpmn:conditionExpression>%1$s</bpmn:conditionExpression></bpmn:sequenceFlow>
                    <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>""".formatted(payload));
    }

    @Test
    void shouldRefuseTheReflectionPayloadOfAManagerAtValidateAndDeployAndRunItNowhere() throws Exception {
        String key = "evil-" + System.nanoTime();
        List<Map<String, String>> files = List.of(Map.of("fileName", key + ".bpmn", "xml", reflection(key)));
        JsonNode validation = api.call("POST", "/api/models/validate", "manager", Map.of("files", files)).body();
        assertThat(validation.path("ok").asBoolean()).isFalse();
        JsonNode policy = first(validation.path("problems"), "policy");
        assertThat(policy.path("elementId").asText()).isIn("t", "f1");
        assertThat(validation.path("problems").toString()).contains("getClass").contains("\"elementId\":\"t\"")
                .contains("\"elementId\":\"f1\"");

        ApiCalls.Answer deploy = api.call("POST", "/api/models/deployments", "manager", Map.of("name", key, "files", files));
        assertThat(deploy.status()).isEqualTo(400);
        assertThat(deploy.body().toString()).contains("getClass");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();

        // a draft may hold it (drafts run nothing), but deploying it from the draft is refused the same way
        assertThat(api.call("POST", "/api/models/drafts", "manager",
                Map.of("name", key, "kind", "BPMN", "xml", reflection(key))).status()).isEqualTo(201);
        assertThatThrownBy(() -> models.deploy(key, List.of(new ModelFile(key + ".bpmn", null, reflection(key))), MANAGER))
                .isInstanceOf(ModelInvalid.class);
        // Camunda's own REST deploy stays admin-only
        assertThat(raw("POST", "/engine-rest/deployment/create", "manager").statusCode()).isEqualTo(403);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    }

    @Test
    void shouldLetAnAdminDeployAnythingRecordedButRunOnlyByAdmins() throws Exception {
        String key = "admin-script-" + System.nanoTime();
        String scripted = process(key, """
                    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:scriptTask id="sum" name="Sum / 求和" scriptFormat="javascript"><bpmn:incoming>f1</bpmn:incoming>
                      <bpmn:outgoing>f2</bpmn:outgoing><bpmn:script>var x = 1;</bpmn:script></bpmn:scriptTask>
                    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sum"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="sum" targetRef="e"/>""");
        List<Map<String, String>> files = List.of(Map.of("fileName", key + ".bpmn", "xml", scripted));
        assertThat(first(api.call("POST", "/api/models/validate", "manager", Map.of("files", files)).body()
                .path("problems"), "policy").path("elementId").asText()).isEqualTo("sum");
        JsonNode asAdmin = api.call("POST", "/api/models/validate", "admin", Map.of("files", files)).body();
        assertThat(asAdmin.path("problems").toString()).doesNotContain("\"policy\"");

        ApiCalls.Answer deployed = api.call("POST", "/api/models/deployments", "admin", Map.of("name", key, "files", files));
        assertThat(deployed.status()).isEqualTo(201);
        String definitionId = deployed.body().path("definitions").get(0).path("definitionId").asText();
        assertThat(deployedModels.versions(key)).singleElement().satisfies(d -> assertThat(d.deployedBy()).isEqualTo("admin"));

        ApiCalls.Answer byManager = api.call("POST", "/api/models/definitions/" + definitionId + "/instances", "manager",
                Map.of("variables", Map.of("versionId", 1)));
        assertThat(byManager.status()).isEqualTo(403);
        assertThat(byManager.body().path("message").asText()).contains("only admins may run it");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(key).count()).isZero();
    }

    @Test
    void shouldResolveNoApplicationBeanInAnExpressionEvenForAnAdmin() throws Exception {
        String key = "bean-" + System.nanoTime();
        String readsBean = process(key, """
                    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:exclusiveGateway id="g" default="f3"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing></bpmn:exclusiveGateway>
                    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="e"><bpmn:conditionExpression>${processModels != null}</bpmn:conditionExpression></bpmn:sequenceFlow>
                    <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="e"/>""");
        ApiCalls.Answer deployed = api.call("POST", "/api/models/deployments", "admin", Map.of("name", key, "files",
                List.of(Map.of("fileName", key + ".bpmn", "xml", readsBean))));
        assertThat(deployed.status()).isEqualTo(201);
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key))
                .hasMessageContaining("processModels");
    }

    @Test
    void shouldTellWhichDeployedProcessesCanBuildADataset() throws Exception {
        String plain = "plain-" + System.nanoTime();
        assertThat(api.call("POST", "/api/models/deployments", "manager", Map.of("name", plain, "files",
                List.of(Map.of("fileName", plain + ".bpmn", "xml", simple(plain))))).status()).isEqualTo(201);
        JsonNode choices = api.call("GET", "/api/models/processes", "manager", null).body();
        JsonNode shipped = null;
        JsonNode mine = null;
        for (JsonNode c : choices) {
            String k = c.path("definition").path("key").asText();
            if (k.equals("dataset-construction")) {
                shipped = c;
            } else if (k.equals(plain)) {
                mine = c;
            }
        }
        assertThat(shipped).isNotNull();
        assertThat(shipped.path("datasetProcess").asBoolean()).isTrue();
        assertThat(mine).isNotNull();
        assertThat(mine.path("datasetProcess").asBoolean()).isFalse();
        assertThat(mine.path("problems").toString()).contains("has no collect");
    }

    private static JsonNode first(JsonNode problems, String source) {
        for (JsonNode p : problems) {
            if (source.equals(p.path("source").asText())) {
                return p;
            }
        }
        throw new AssertionError("no " + source + " problem in " + problems);
    }

    private HttpResponse<String> raw(String method, String path, String user) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", auth(user)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> multipart(String fileName, String xml) throws Exception {
        String boundary = "----refinery" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/xml\r\n\r\n" + xml + "\r\n--" + boundary + "--\r\n";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/models/files"))
                .header("Authorization", auth("manager"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String auth(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
