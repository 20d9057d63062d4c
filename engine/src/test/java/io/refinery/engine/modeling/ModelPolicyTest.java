package io.refinery.engine.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A manager's process runs only what the platform offers: each refusal names the element and the reason. */
class ModelPolicyTest {
    /** The payload of issue 11: Java reflection from an expression. */
    static final String REFLECTION = "${''.getClass().forName('java.lang.System').getMethod('exit', ''.getClass())}";

    private final ModelPolicy policy = new ModelPolicy();

    static String process(String inner) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="t">
                  <process id="p" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="s"/>
                %s
                  </process>
                </definitions>
                """.formatted(inner);
    }

    private List<Problem> check(String xml) {
        return policy.check(new ModelFile("p.bpmn", ModelKind.BPMN, xml));
    }

    @Test
    void theReflectionPayloadIsRefusedOnItsElement() {
        List<Problem> problems = check(process("""
                <serviceTask id="evil" camunda:expression="%s"/>
                <sequenceFlow id="f" sourceRef="s" targetRef="evil">
                  <conditionExpression xsi:type="tFormalExpression">%s</conditionExpression>
                </sequenceFlow>""".formatted(REFLECTION.replace("'", "&apos;"), REFLECTION)));
        assertThat(problems).extracting(Problem::elementId).contains("evil", "f");
        assertThat(problems).allSatisfy(p -> assertThat(p.source()).isEqualTo(ModelPolicy.SOURCE));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("'f'").contains("calls 'getClass(…)'"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("'evil'").contains("calls expression"));
        assertThat(problems).allSatisfy(p -> assertThat(p.line()).isPositive());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<scriptTask id='x' scriptFormat='groovy'><script>System.exit(0)</script></scriptTask>",
        "<serviceTask id='x' camunda:class='org.example.Evil'/>",
        "<serviceTask id='x' camunda:delegateExpression='${evilBean}'/>",
        "<serviceTask id='x' camunda:type='external' camunda:topic='not.served'/>",
        "<serviceTask id='x'><extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></extensionElements></serviceTask>",
        "<userTask id='x' camunda:candidateGroups='annotators'><extensionElements><camunda:taskListener event='create' expression='${task.setAssignee(\"me\")}'/></extensionElements></userTask>",
        "<userTask id='x' camunda:candidateGroups='annotators'><extensionElements><camunda:taskListener event='create' class='org.example.Evil'/></extensionElements></userTask>",
        "<userTask id='x' camunda:candidateGroups='annotators'><extensionElements><camunda:executionListener event='start'><camunda:script scriptFormat='javascript'>java.lang.System.exit(0)</camunda:script></camunda:executionListener></extensionElements></userTask>",
        "<userTask id='x' camunda:assignee='${execution.processEngineServices.identityService}'/>",
        "<userTask id='x' camunda:assignee='${name.class.classLoader}'/>",
        "<userTask id='x' camunda:assignee='${users[0]}'/>",
        "<userTask id='x' camunda:assignee='${fn:join(a, b)}'/>",
        "<userTask id='x'><extensionElements><camunda:inputOutput><camunda:inputParameter name='a'><camunda:script scriptFormat='groovy'>1</camunda:script></camunda:inputParameter></camunda:inputOutput></extensionElements></userTask>",
        "<userTask id='x'><extensionElements><camunda:inputOutput><camunda:inputParameter name='a'>${x = 5}</camunda:inputParameter></camunda:inputOutput></extensionElements></userTask>",
        "<callActivity id='x' calledElement='other' camunda:variableMappingClass='org.example.Evil'/>",
        "<businessRuleTask id='x' camunda:class='org.example.Evil'/>",
    })
    void whatOnlyAnAdminMayDeployIsRefusedOnItsElement(String element) {
        List<Problem> problems = check(process(element));
        assertThat(problems).isNotEmpty();
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.elementId()).isEqualTo("x");
            assertThat(p.message()).startsWith("Element 'x'");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "${approved}", "${!approved}", "${qcDecision.route == \"release\"}", "${reviewReworkCount > 0 && round < maxRounds}",
        "${a eq 'x' or empty b}", "${(metric + 1) * 2 >= limit ? true : false}", "#{labelTaskCount}",
    })
    void plainReadsAndComparisonsPass(String expression) {
        assertThat(check(process("""
                <userTask id="x" camunda:candidateGroups="managers"/>
                <sequenceFlow id="f" sourceRef="s" targetRef="x">
                  <conditionExpression xsi:type="tFormalExpression">%s</conditionExpression>
                </sequenceFlow>""".formatted(expression.replace("&", "&amp;").replace("<", "&lt;"))))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"processes/dataset-construction.bpmn", "processes/drift-check.bpmn",
            "processes/model-feedback.bpmn", "processes/qc-gate.dmn", "templates/collect-prelabel.bpmn",
            "templates/no-expert-review.bpmn", "templates/second-qc-gate.bpmn", "templates/blank.bpmn"})
    void theShippedProcessesAndTemplatesKeepToThePolicy(String resource) throws IOException {
        ModelKind kind = resource.endsWith(".dmn") ? ModelKind.DMN : ModelKind.BPMN;
        assertThat(policy.check(new ModelFile(resource, kind, text(resource)))).isEmpty();
    }

    @Test
    void decisionTablesMayNotCallJavaEither() {
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="t">
                  <decision id="gate" name="gate">
                    <decisionTable id="t">
                      <input id="i1"><inputExpression id="ie1" typeRef="string" expressionLanguage="juel"><text>execution.getProcessEngine()</text></inputExpression></input>
                      <input id="i2"><inputExpression id="ie2" typeRef="string" expressionLanguage="groovy"><text>1</text></inputExpression></input>
                      <output id="o" name="out" typeRef="string"/>
                      <rule id="r"><inputEntry id="e1"><text>function(x) external {java: {class: "java.lang.System", method signature: "exit(int)"}}</text></inputEntry>
                        <inputEntry id="e2"><text>-</text></inputEntry><outputEntry id="oe"><text>"x"</text></outputEntry></rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """;
        List<Problem> problems = policy.check(new ModelFile("d.dmn", ModelKind.DMN, dmn));
        assertThat(problems).extracting(Problem::elementId).contains("ie1", "ie2", "e1");
    }

    static String text(String resource) throws IOException {
        try (InputStream in = ModelPolicyTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
