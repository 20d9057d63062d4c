package io.refinery.engine.modeling;

import io.refinery.workflows.PlatformExpressions;
import io.refinery.workflows.Processes.Steps;
import io.refinery.workflows.Vars;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.LoopCardinality;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;

/**
 * What Camunda 7 element templates cannot express, added at validate and deploy time to the steps made from them:
 * a Label step ({@code camunda:modelerTemplate="io.refinery.step.label"}, or a multi-instance user task with id
 * {@code label} drawn before waves) is placed in a wave subprocess ({@link LabelWaveShape}) and becomes a parallel
 * multi-instance over the wave's tasks with the create listener that gives each task its {@code assignmentIndex}
 * ({@link io.refinery.workflows.LabelWaves}: the engine creates a round's tasks wave by wave, never all in one
 * transaction). Templates may set attributes, input parameters, properties and execution listeners, but not loop
 * characteristics, task listeners or subprocesses. A step already in its wave is left alone; a file without such
 * steps is returned unchanged, byte for byte. Label and Expert review steps also get the ids the labelling code
 * knows them by.
 */
final class TemplateSteps {
    static final String LABEL_TEMPLATE = "io.refinery.step.label";
    static final String REVIEW_TEMPLATE = "io.refinery.step.expert-review";
    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    static final String ASSIGNMENT_LISTENER = PlatformExpressions.ASSIGNMENT_INDEX_LISTENER;

    private TemplateSteps() {
    }

    /**
     * The inbox, the package and the review find their tasks by step id ({@code label}, {@code expertReview}); a step
     * dropped from the palette gets a generated id, so it takes the step's id when no other element has it (the model
     * API moves the flows, boundary events and diagram shapes that point at it along).
     */
    private static boolean fixId(BpmnModelInstance model, UserTask task, String id) {
        if (id.equals(task.getId()) || model.getModelElementById(id) != null) {
            return false;
        }
        task.setId(id);
        return true;
    }

    static ModelFile complete(ModelFile file) {
        if (file.kind() != ModelKind.BPMN || !file.xml().contains(LABEL_TEMPLATE) && !file.xml().contains(REVIEW_TEMPLATE)
                && !file.xml().contains("\"" + Steps.LABEL + "\"")) {
            return file;
        }
        BpmnModelInstance model = file.bpmnModel().orElse(null);
        if (model == null) {
            return file; // the engine's parse reports what is wrong with it
        }
        boolean changed = false;
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            String template = task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
            if (REVIEW_TEMPLATE.equals(template)) {
                changed |= fixId(model, task, Steps.EXPERT_REVIEW);
            }
            boolean labelStep = LABEL_TEMPLATE.equals(template)
                    || Steps.LABEL.equals(task.getId()) && task.getLoopCharacteristics() != null;
            if (!labelStep) {
                continue;
            }
            changed |= fixId(model, task, Steps.LABEL);
            if (!LabelWaveShape.inWave(task)) {
                LabelWaveShape.wrap(model, task);
                changed = true;
            }
            changed |= waveTask(model, task);
        }
        return changed ? new ModelFile(file.fileName(), file.kind(), Bpmn.convertToString(model)) : file;
    }

    /** The Label step inside its wave: a parallel multi-instance over the wave's tasks, each learning its slot. */
    private static boolean waveTask(BpmnModelInstance model, UserTask task) {
        boolean changed = false;
        MultiInstanceLoopCharacteristics loop = task.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics mi
                ? mi : null;
        if (loop == null) {
            loop = model.newInstance(MultiInstanceLoopCharacteristics.class);
            task.setLoopCharacteristics(loop);
            changed = true;
        }
        LoopCardinality cardinality = loop.getLoopCardinality();
        if (cardinality == null) {
            cardinality = model.newInstance(LoopCardinality.class);
            loop.setLoopCardinality(cardinality);
        }
        if (!PlatformExpressions.LABEL_WAVE_TASKS.equals(cardinality.getTextContent().strip())) {
            cardinality.setTextContent(PlatformExpressions.LABEL_WAVE_TASKS);
            changed = true;
        }
        ExtensionElements extensions = task.getExtensionElements();
        if (extensions == null) {
            extensions = model.newInstance(ExtensionElements.class);
            task.setExtensionElements(extensions);
        }
        boolean hasListener = false;
        for (CamundaTaskListener l : extensions.getElementsQuery().filterByType(CamundaTaskListener.class).list()) {
            String expression = l.getCamundaExpression();
            if (expression != null && expression.contains(Vars.ASSIGNMENT_INDEX)) {
                hasListener = true;
                if (PlatformExpressions.same(expression, PlatformExpressions.FLAT_ASSIGNMENT_INDEX_LISTENER)) {
                    l.setCamundaExpression(ASSIGNMENT_LISTENER); // any other expression is the policy's to judge
                    changed = true;
                }
            }
        }
        if (!hasListener) {
            CamundaTaskListener listener = extensions.addExtensionElement(CamundaTaskListener.class);
            listener.setCamundaEvent("create");
            listener.setCamundaExpression(ASSIGNMENT_LISTENER);
            changed = true;
        }
        return changed;
    }
}
