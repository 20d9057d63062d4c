package io.refinery.engine.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** Label and Expert review steps dropped from the palette get the ids the labelling code finds them by. */
class TemplateStepsTest {
    private static final String BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                targetNamespace="t">
              <process id="p" isExecutable="true" camunda:historyTimeToLive="P1D">
                <startEvent id="s"/>
                <sequenceFlow id="f1" sourceRef="s" targetRef="Activity_1a"/>
                <userTask id="Activity_1a" camunda:modelerTemplate="io.refinery.step.label" camunda:candidateGroups="annotators"/>
                <sequenceFlow id="f2" sourceRef="Activity_1a" targetRef="Activity_2b"/>
                <userTask id="Activity_2b" camunda:modelerTemplate="io.refinery.step.expert-review" camunda:candidateGroups="experts"/>
                <sequenceFlow id="f3" sourceRef="Activity_2b" targetRef="e"/>
                <endEvent id="e"/>
              </process>
              <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="p">
                <bpmndi:BPMNShape id="Activity_1a_di" bpmnElement="Activity_1a"><dc:Bounds x="100" y="100" width="100" height="80"/></bpmndi:BPMNShape>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </definitions>
            """;

    @Test
    void droppedStepsTakeTheStepIdsAndTheirFlowsFollow() {
        ModelFile done = TemplateSteps.complete(new ModelFile("p.bpmn", ModelKind.BPMN, BPMN));
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(done.xml().getBytes(StandardCharsets.UTF_8)));
        UserTask label = model.getModelElementById("label");
        assertThat(label).isNotNull();
        assertThat(label.getLoopCharacteristics()).isNotNull();
        assertThat(model.<UserTask>getModelElementById("expertReview")).isNotNull();
        assertThat(model.<SequenceFlow>getModelElementById("f1").getTarget().getId()).isEqualTo("label");
        assertThat(model.<SequenceFlow>getModelElementById("f2").getSource().getId()).isEqualTo("label");
        assertThat(model.<SequenceFlow>getModelElementById("f2").getTarget().getId()).isEqualTo("expertReview");
        assertThat(done.xml()).contains("bpmnElement=\"label\"").doesNotContain("Activity_1a\"");
    }
}
