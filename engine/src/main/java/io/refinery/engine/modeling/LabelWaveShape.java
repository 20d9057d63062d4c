package io.refinery.engine.modeling;

import io.refinery.workflows.PlatformExpressions;
import io.refinery.workflows.Processes.Steps;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.LoopCardinality;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The wave subprocess a Label step runs in: a parallel multi-instance subprocess over {@code labelWaveCount}, each
 * instance an asynchronous job of its own ({@code camunda:asyncBefore} on the loop), that keeps its index in
 * {@code labelWave} and holds start, the Label step, end. The shipped processes are drawn this way; a Label step
 * dropped from the palette is wrapped at deploy: its flows and boundary events (the SLA timer) move to the
 * subprocess, and the diagram shows the subprocess collapsed where the step was, with its inside on a page of its own.
 */
final class LabelWaveShape {
    private LabelWaveShape() {
    }

    /** Whether the task already sits in a wave subprocess. */
    static boolean inWave(UserTask task) {
        return task.getParentElement() instanceof SubProcess sub && isWave(sub);
    }

    static boolean isWave(SubProcess sub) {
        return sub.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics mi
                && mi.getLoopCardinality() != null
                && PlatformExpressions.LABEL_WAVES.equals(mi.getLoopCardinality().getTextContent().strip());
    }

    static SubProcess wrap(BpmnModelInstance model, UserTask task) {
        ModelElementInstance parent = task.getParentElement();
        // looked up first: moving the task unlinks every reference to it, the shape's bpmnElement too
        BpmnShape shape = model.getModelElementsByType(BpmnShape.class).stream()
                .filter(s -> s.getBpmnElement() == task).findFirst().orElse(null);
        String id = model.getModelElementById(Steps.LABEL_ROUND) == null ? Steps.LABEL_ROUND : task.getId() + "Round";
        // by sourceRef/targetRef, as the engine follows them (the <incoming>/<outgoing> lists are optional)
        List<SequenceFlow> incoming = model.getModelElementsByType(SequenceFlow.class).stream()
                .filter(f -> f.getTarget() == task).toList();
        List<SequenceFlow> outgoing = model.getModelElementsByType(SequenceFlow.class).stream()
                .filter(f -> f.getSource() == task).toList();
        boolean listed = !task.getIncoming().isEmpty() || !task.getOutgoing().isEmpty();
        List<BoundaryEvent> attached = model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(b -> b.getAttachedTo() == task).toList();
        SubProcess sub = model.newInstance(SubProcess.class);
        sub.setId(id);
        if (task.getName() != null) {
            sub.setName(task.getName());
        }
        parent.insertElementAfter(sub, task);
        task.getIncoming().clear();
        task.getOutgoing().clear();
        parent.removeChildElement(task); // unlinks the references to it: they are set again below
        for (SequenceFlow flow : incoming) {
            flow.setTarget(sub);
            if (listed) {
                sub.getIncoming().add(flow);
            }
        }
        for (SequenceFlow flow : outgoing) {
            flow.setSource(sub);
            if (listed) {
                sub.getOutgoing().add(flow);
            }
        }
        attached.forEach(boundary -> boundary.setAttachedTo(sub));

        MultiInstanceLoopCharacteristics loop = model.newInstance(MultiInstanceLoopCharacteristics.class);
        loop.setCamundaAsyncBefore(true);
        LoopCardinality waves = model.newInstance(LoopCardinality.class);
        waves.setTextContent(PlatformExpressions.LABEL_WAVES);
        loop.setLoopCardinality(waves);
        ExtensionElements extensions = model.newInstance(ExtensionElements.class);
        sub.setExtensionElements(extensions);
        CamundaExecutionListener listener = extensions.addExtensionElement(CamundaExecutionListener.class);
        listener.setCamundaEvent("start");
        listener.setCamundaExpression(PlatformExpressions.LABEL_WAVE_LISTENER);
        sub.setLoopCharacteristics(loop);

        StartEvent start = model.newInstance(StartEvent.class);
        start.setId(id + "Start");
        sub.addChildElement(start);
        sub.addChildElement(task);
        EndEvent end = model.newInstance(EndEvent.class);
        end.setId(id + "End");
        sub.addChildElement(end);
        SequenceFlow in = connect(model, sub, start, task, id + "_in");
        SequenceFlow out = connect(model, sub, task, end, id + "_out");

        diagram(model, shape, sub, List.of(start, task, end), List.of(in, out));
        return sub;
    }

    private static SequenceFlow connect(BpmnModelInstance model, SubProcess sub, FlowNode from, FlowNode to, String id) {
        SequenceFlow flow = model.newInstance(SequenceFlow.class);
        flow.setId(id);
        sub.addChildElement(flow);
        flow.setSource(from);
        flow.setTarget(to);
        from.getOutgoing().add(flow);
        to.getIncoming().add(flow);
        return flow;
    }

    /** The task's shape becomes the collapsed subprocess; its inside gets a plane of its own (bpmn-js drill-down). */
    private static void diagram(BpmnModelInstance model, BpmnShape shape, SubProcess sub, List<FlowNode> inside,
                                List<SequenceFlow> flows) {
        if (shape == null) {
            return; // a file without a diagram: nothing to draw
        }
        shape.setBpmnElement(sub);
        shape.setId(sub.getId() + "_di");
        shape.setExpanded(false);

        BpmnDiagram diagram = model.newInstance(BpmnDiagram.class);
        diagram.setId(sub.getId() + "_diagram");
        model.getDefinitions().getBpmDiagrams().add(diagram);
        BpmnPlane plane = model.newInstance(BpmnPlane.class);
        plane.setId(sub.getId() + "_plane");
        plane.setBpmnElement(sub);
        diagram.setBpmnPlane(plane);
        double[][] boxes = {{180, 182, 36, 36}, {270, 160, 100, 80}, {422, 182, 36, 36}};
        for (int i = 0; i < inside.size(); i++) {
            plane.addChildElement(shape(model, inside.get(i), boxes[i]));
        }
        plane.addChildElement(edge(model, flows.get(0), 216, 270));
        plane.addChildElement(edge(model, flows.get(1), 370, 422));
    }

    private static BpmnShape shape(BpmnModelInstance model, BaseElement element, double[] box) {
        BpmnShape shape = model.newInstance(BpmnShape.class);
        shape.setId(element.getId() + "_di");
        shape.setBpmnElement(element);
        Bounds bounds = model.newInstance(Bounds.class);
        bounds.setX(box[0]);
        bounds.setY(box[1]);
        bounds.setWidth(box[2]);
        bounds.setHeight(box[3]);
        shape.setBounds(bounds);
        return shape;
    }

    private static BpmnEdge edge(BpmnModelInstance model, SequenceFlow flow, double fromX, double toX) {
        BpmnEdge edge = model.newInstance(BpmnEdge.class);
        edge.setId(flow.getId() + "_di");
        edge.setBpmnElement(flow);
        for (double x : new double[] {fromX, toX}) {
            Waypoint point = model.newInstance(Waypoint.class);
            point.setX(x);
            point.setY(200);
            edge.getWaypoints().add(point);
        }
        return edge;
    }
}
