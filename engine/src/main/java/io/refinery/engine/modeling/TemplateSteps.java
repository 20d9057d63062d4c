package io.refinery.engine.modeling;

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
 * a Label step ({@code camunda:modelerTemplate="io.refinery.step.label"}) becomes a parallel multi-instance over
 * {@code labelTaskCount} (one task per work-package slot of the round, as the plan-round step planned) with the create listener
 * that gives each task its {@code assignmentIndex}. Templates may set attributes, input parameters, properties and
 * execution listeners, but not loop characteristics or task listeners. A step that already has them is left alone;
 * a file without such steps is returned unchanged, byte for byte. Label and Expert review steps also get the ids the
 * labelling code knows them by.
 */
final class TemplateSteps {
    static final String LABEL_TEMPLATE = "io.refinery.step.label";
    static final String REVIEW_TEMPLATE = "io.refinery.step.expert-review";
    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    static final String ASSIGNMENT_LISTENER = io.refinery.workflows.PlatformExpressions.ASSIGNMENT_INDEX_LISTENER;

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
        if (file.kind() != ModelKind.BPMN || !file.xml().contains(LABEL_TEMPLATE) && !file.xml().contains(REVIEW_TEMPLATE)) {
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
            if (!LABEL_TEMPLATE.equals(template)) {
                continue;
            }
            changed |= fixId(model, task, Steps.LABEL);
            if (task.getLoopCharacteristics() == null) {
                MultiInstanceLoopCharacteristics loop = model.newInstance(MultiInstanceLoopCharacteristics.class);
                LoopCardinality cardinality = model.newInstance(LoopCardinality.class);
                cardinality.setTextContent("${" + Vars.LABEL_TASK_COUNT + "}");
                loop.setLoopCardinality(cardinality);
                task.setLoopCharacteristics(loop);
                changed = true;
            }
            ExtensionElements extensions = task.getExtensionElements();
            if (extensions == null) {
                extensions = model.newInstance(ExtensionElements.class);
                task.setExtensionElements(extensions);
            }
            boolean hasListener = extensions.getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
                    .anyMatch(l -> l.getCamundaExpression() != null && l.getCamundaExpression().contains(Vars.ASSIGNMENT_INDEX));
            if (!hasListener) {
                CamundaTaskListener listener = extensions.addExtensionElement(CamundaTaskListener.class);
                listener.setCamundaEvent("create");
                listener.setCamundaExpression(ASSIGNMENT_LISTENER);
                changed = true;
            }
        }
        return changed ? new ModelFile(file.fileName(), file.kind(), Bpmn.convertToString(model)) : file;
    }
}
