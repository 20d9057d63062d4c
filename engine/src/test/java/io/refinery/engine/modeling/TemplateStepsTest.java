package io.refinery.engine.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import io.refinery.workflows.PlatformExpressions;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
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
        assertThat(model.<SequenceFlow>getModelElementById("f1").getTarget().getId()).isEqualTo("labelRound");
        assertThat(model.<SequenceFlow>getModelElementById("f2").getSource().getId()).isEqualTo("labelRound");
        assertThat(model.<SequenceFlow>getModelElementById("f2").getTarget().getId()).isEqualTo("expertReview");
        assertThat(done.xml()).contains("bpmnElement=\"label\"").doesNotContain("Activity_1a\"");
    }

    /** A Label step from the palette runs in waves, exactly like the shipped process's: the engine wraps it. */
    @Test
    void aDroppedLabelStepIsPlacedInAWaveSubprocessWithItsTimerAndItsShape() {
        String withTimer = BPMN.replace("<sequenceFlow id=\"f3\"", """
                <boundaryEvent id="sla" attachedToRef="Activity_1a" cancelActivity="false"><timerEventDefinition>
                  <timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
                <sequenceFlow id="f3\"""");
        ModelFile done = TemplateSteps.complete(new ModelFile("p.bpmn", ModelKind.BPMN, withTimer));
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(done.xml().getBytes(StandardCharsets.UTF_8)));
        SubProcess round = model.getModelElementById("labelRound");
        UserTask label = model.getModelElementById("label");
        assertThat(label.getParentElement()).isSameAs(round);
        assertThat(LabelWaveShape.isWave(round)).isTrue();
        MultiInstanceLoopCharacteristics waves = (MultiInstanceLoopCharacteristics) round.getLoopCharacteristics();
        assertThat(waves.isCamundaAsyncBefore()).isTrue();
        assertThat(((MultiInstanceLoopCharacteristics) label.getLoopCharacteristics()).getLoopCardinality()
                .getTextContent()).isEqualTo(PlatformExpressions.LABEL_WAVE_TASKS);
        assertThat(done.xml()).contains(PlatformExpressions.ASSIGNMENT_INDEX_LISTENER.replace("\"", "&quot;"))
                .contains(PlatformExpressions.LABEL_WAVE_LISTENER.replace("\"", "&quot;"));
        assertThat(model.<BoundaryEvent>getModelElementById("sla").getAttachedTo()).isSameAs(round);
        assertThat(label.getIncoming()).singleElement().satisfies(f -> assertThat(f.getSource()).isInstanceOf(StartEvent.class));
        assertThat(label.getOutgoing()).singleElement().satisfies(f -> assertThat(f.getTarget()).isInstanceOf(EndEvent.class));
        BpmnShape collapsed = model.getModelElementById("labelRound_di");
        assertThat(collapsed.getBpmnElement()).isSameAs(round);
        assertThat(collapsed.isExpanded()).isFalse();
        assertThat(collapsed.getBounds().getX()).as("where the step was drawn").isEqualTo(100.0);
        assertThat(model.getModelElementsByType(BpmnPlane.class)).anySatisfy(p -> assertThat(p.getBpmnElement()).isSameAs(round));
        assertThat(model.getModelElementsByType(BpmnShape.class)).anySatisfy(sh -> assertThat(sh.getBpmnElement()).isSameAs(label));

        ModelFile again = TemplateSteps.complete(done);
        assertThat(again.xml()).as("a step already in its wave is left alone").isEqualTo(done.xml());
    }

    /** A process drawn before waves (a flat multi-instance label with the old listener) gets them at deploy. */
    @Test
    void aFlatLabelStepFromBeforeWavesIsWrappedAndItsListenerReplaced() {
        String flat = BPMN.replace("<userTask id=\"Activity_1a\" camunda:modelerTemplate=\"io.refinery.step.label\" camunda:candidateGroups=\"annotators\"/>",
                """
                <userTask id="label" camunda:candidateGroups="annotators"><extensionElements>
                  <camunda:taskListener event="create" expression="${task.setVariableLocal('assignmentIndex', loopCounter)}"/>
                </extensionElements><multiInstanceLoopCharacteristics><loopCardinality>${labelTaskCount}</loopCardinality>
                </multiInstanceLoopCharacteristics></userTask>""").replace("Activity_1a", "label");
        ModelFile done = TemplateSteps.complete(new ModelFile("p.bpmn", ModelKind.BPMN, flat));
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(done.xml().getBytes(StandardCharsets.UTF_8)));
        UserTask label = model.getModelElementById("label");
        assertThat(LabelWaveShape.inWave(label)).isTrue();
        assertThat(done.xml()).doesNotContain("assignmentIndex&quot;, loopCounter").doesNotContain("${labelTaskCount}<");
    }

    /** Only the platform's own old listener is replaced: another expression stays for the deploy policy to refuse. */
    @Test
    void anAssignmentListenerThatIsNotThePlatformsIsLeftForThePolicy() {
        String foreign = "${task.setVariableLocal('assignmentIndex', execution.getProcessEngineServices())}";
        String flat = BPMN.replace("<userTask id=\"Activity_1a\" camunda:modelerTemplate=\"io.refinery.step.label\" camunda:candidateGroups=\"annotators\"/>",
                "<userTask id=\"label\" camunda:modelerTemplate=\"io.refinery.step.label\"><extensionElements>"
                        + "<camunda:taskListener event=\"create\" expression=\"" + foreign + "\"/></extensionElements></userTask>")
                .replace("Activity_1a", "label");
        ModelFile done = TemplateSteps.complete(new ModelFile("p.bpmn", ModelKind.BPMN, flat));
        assertThat(done.xml()).contains("execution.getProcessEngineServices()");
    }
}
