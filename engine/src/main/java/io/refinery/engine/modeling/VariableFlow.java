package io.refinery.engine.modeling;

import static io.refinery.engine.modeling.DatasetContract.isInside;
import static io.refinery.engine.modeling.DatasetContract.label;

import io.refinery.workflows.DatasetSteps;
import io.refinery.workflows.DatasetSteps.Step;
import io.refinery.workflows.Processes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;

/**
 * The data-flow part of the {@link DatasetContract}: what each node of a process needs (its step's needs, the
 * expressions in its attributes and extensions, the conditions on its outgoing flows, the inputs and rule entries of
 * the decision it calls) against what is set on every path before it (the demand's variables, what upstream steps,
 * forms, result variables, output parameters and the platform's listeners set). A "must be available" analysis over the
 * sourceRef/targetRef flows: a node's variables are the intersection over its incoming flows, iterated to the greatest
 * fixpoint, so loops are handled; a boundary event sees what its activity saw.
 * Over 300 lines because it is one algorithm: the fixpoint and the readers of what each kind of node needs and sets.
 */
final class VariableFlow {
    /** BPMN elements a subprocess holds as its inside (not part of the subprocess's own expressions). */
    private static final Set<String> FLOW_ELEMENTS = Set.of("startEvent", "endEvent", "userTask", "serviceTask",
            "sendTask", "receiveTask", "scriptTask", "businessRuleTask", "manualTask", "task", "subProcess",
            "callActivity", "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway",
            "complexGateway", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "sequenceFlow",
            "transaction");
    private static final Pattern SET_VARIABLE = Pattern.compile("setVariable(?:Local)?\\(\\s*[\"'](\\w+)[\"']");

    private final List<FlowNode> nodes;
    private final Map<FlowNode, Step> steps;
    private final Map<FlowNode, List<SequenceFlow>> outgoing;
    private final Map<FlowNode, List<SequenceFlow>> incomingFlows;
    private final Map<String, org.w3c.dom.Element> byId;
    private final DatasetContract.Decisions decisions;
    private final Function<FlowNode, Optional<Step>> identify;
    private final BiConsumer<BaseElement, String> problem;

    VariableFlow(List<FlowNode> nodes, Map<FlowNode, Step> steps, Map<FlowNode, List<SequenceFlow>> outgoing,
                 Map<FlowNode, List<SequenceFlow>> incomingFlows, Map<String, org.w3c.dom.Element> byId,
                 DatasetContract.Decisions decisions, Function<FlowNode, Optional<Step>> identify,
                 BiConsumer<BaseElement, String> problem) {
        this.nodes = nodes;
        this.steps = steps;
        this.outgoing = outgoing;
        this.incomingFlows = incomingFlows;
        this.byId = byId;
        this.decisions = decisions;
        this.identify = identify;
        this.problem = problem;
    }

    private List<SequenceFlow> outgoing(FlowNode node) {
        return outgoing.getOrDefault(node, List.of());
    }

    private Optional<Step> identify(FlowNode node) {
        return identify.apply(node);
    }

    private void problem(BaseElement element, String message) {
        problem.accept(element, message);
    }


    /** Reports, on its element, every variable a node needs that is not set on every path before it. */
    void check() {
        Map<FlowNode, Set<String>> produces = new HashMap<>();
        Map<FlowNode, Map<String, FlowNode>> producers = new HashMap<>();
        Set<String> universe = new HashSet<>(DatasetSteps.DEMAND_VARIABLES);
        for (FlowNode node : nodes) {
            Set<String> p = producedBy(node);
            produces.put(node, p);
            universe.addAll(p);
        }
        for (FlowNode node : nodes) {
            for (SequenceFlow flow : outgoing(node)) {
                universe.addAll(listenerSets(flow));
            }
        }
        Map<FlowNode, Set<String>> in = new HashMap<>();
        for (FlowNode node : nodes) {
            in.put(node, isProcessStart(node) ? startVariables(node) : new HashSet<>(universe));
        }
        boolean changed = true;
        for (int pass = 0; changed && pass < 10 * nodes.size() + 10; pass++) {
            changed = false;
            for (FlowNode node : nodes) {
                if (isProcessStart(node)) {
                    continue;
                }
                Set<String> available = null;
                for (Set<String> incoming : incoming(node, in, produces)) {
                    if (available == null) {
                        available = new HashSet<>(incoming);
                    } else {
                        available.retainAll(incoming);
                    }
                }
                if (available == null) {
                    continue; // not connected: lint says so
                }
                if (!available.equals(in.get(node))) {
                    in.put(node, available);
                    changed = true;
                }
            }
        }
        for (FlowNode node : nodes) {
            Set<String> before = in.get(node);
            Set<String> after = new HashSet<>(before);
            after.addAll(produces.get(node));
            Map<String, String> reads = readsOf(node);
            reads.forEach((variable, where) -> {
                Set<String> available = where.startsWith("condition") ? after : before;
                if (!available.contains(variable) && !DatasetSteps.ENGINE_LOCALS.contains(variable)
                        && !locals(node).contains(variable)) {
                    problem(node, "needs variable '" + variable + "' (" + where + "), which "
                            + (universe.contains(variable) ? "is not set on every path before it"
                            + producerHint(variable, produces) : "no step before it sets"));
                }
            });
        }
    }

    /** A start event of the process itself (one inside a subprocess starts with what its subprocess saw). */
    private static boolean isProcessStart(FlowNode node) {
        return node instanceof StartEvent && !(node.getParentElement() instanceof SubProcess);
    }

    /** What flows into a node: each predecessor's variables after it (and after its flow's listeners). */
    private List<Set<String>> incoming(FlowNode node, Map<FlowNode, Set<String>> in,
                                       Map<FlowNode, Set<String>> produces) {
        List<Set<String>> incoming = new ArrayList<>();
        if (node instanceof StartEvent && node.getParentElement() instanceof SubProcess sub && in.containsKey(sub)) {
            Set<String> entered = new HashSet<>(in.get(sub));
            entered.addAll(listenerSets(sub));
            incoming.add(entered);
        }
        if (node instanceof BoundaryEvent boundary && boundary.getAttachedTo() != null
                && in.containsKey(boundary.getAttachedTo())) {
            incoming.add(in.get(boundary.getAttachedTo()));
        }
        for (SequenceFlow flow : incomingFlows.getOrDefault(node, List.of())) {
            FlowNode source = flow.getSource();
            if (!in.containsKey(source)) {
                continue;
            }
            Set<String> out = new HashSet<>(in.get(source));
            out.addAll(produces.get(source));
            out.addAll(listenerSets(flow));
            incoming.add(out);
        }
        return incoming;
    }

    private Set<String> startVariables(FlowNode start) {
        Set<String> vars = new HashSet<>(DatasetSteps.DEMAND_VARIABLES);
        vars.addAll(listenerSets(start));
        return vars;
    }

    private Set<String> producedBy(FlowNode node) {
        Set<String> p = new LinkedHashSet<>();
        Step step = steps.get(node);
        if (step != null) {
            p.addAll(step.produces());
        }
        p.addAll(listenerSets(node));
        if (node instanceof BusinessRuleTask rule && rule.getCamundaResultVariable() != null) {
            p.add(rule.getCamundaResultVariable());
        }
        for (CamundaOutputParameter out : node.getModelInstance().getModelElementsByType(CamundaOutputParameter.class)) {
            if (isInside(out, node)) {
                p.add(out.getCamundaName());
            }
        }
        for (CamundaFormField field : node.getModelInstance().getModelElementsByType(CamundaFormField.class)) {
            if (isInside(field, node)) {
                p.add(field.getCamundaId());
            }
        }
        if (node instanceof SubProcess sub) {
            for (FlowElement inner : sub.getFlowElements()) {
                if (inner instanceof FlowNode innerNode) {
                    identify(innerNode).ifPresent(s -> p.addAll(s.produces()));
                }
            }
        }
        return p;
    }

    /** Variables a node reads, each with where (for the message). */
    private Map<String, String> readsOf(FlowNode node) {
        Map<String, String> reads = new LinkedHashMap<>();
        Step step = steps.get(node);
        if (step != null) {
            step.requires().forEach(v -> reads.putIfAbsent(v, "the " + step.id() + " step needs it"));
        }
        if (node instanceof BusinessRuleTask rule && rule.getCamundaDecisionRef() != null) {
            String key = rule.getCamundaDecisionRef();
            Optional<Set<String>> inputs = PlainExpression.bodies(key).isEmpty() ? decisions.inputs(key)
                    : Optional.of(Set.of());
            if (inputs.isEmpty()) {
                problem(node, "calls decision '" + key + "', which is neither deployed nor among the files"
                        + " deployed with it" + (Processes.QC_DECISION_KEY.equals(key) ? "" : " (the shipped QC"
                        + " gate is '" + Processes.QC_DECISION_KEY + "')"));
            } else {
                inputs.get().forEach(v -> reads.putIfAbsent(v, "an input of decision '" + key + "'"));
            }
        }
        expressionReads(node, "an expression of the step", reads);
        if (node instanceof Activity activity) {
            for (BoundaryEvent boundary : node.getModelInstance().getModelElementsByType(BoundaryEvent.class)) {
                if (boundary.getAttachedTo() == activity) {
                    expressionReads(boundary, "boundary event '" + label(boundary) + "'", reads);
                }
            }
        }
        for (SequenceFlow flow : outgoing(node)) {
            if (flow.getConditionExpression() != null) {
                for (String body : PlainExpression.bodies(flow.getConditionExpression().getTextContent())) {
                    PlainExpression.variables(body).forEach(v -> reads.putIfAbsent(v,
                            "condition of flow '" + label(flow) + "'"));
                }
            }
        }
        return reads;
    }

    /** Variables read by the expressions in a node's own attributes and extension elements (not its flows'). */
    private void expressionReads(BaseElement element, String where, Map<String, String> reads) {
        org.w3c.dom.Element dom = byId.get(element.getId());
        if (dom == null) {
            return;
        }
        collectExpressions(dom, true).forEach(text -> {
            if (io.refinery.workflows.PlatformExpressions.isPlatform(text.strip())) {
                return;
            }
            for (String body : PlainExpression.bodies(text)) {
                PlainExpression.variables(body).forEach(v -> reads.putIfAbsent(v, where));
            }
        });
    }

    private static List<String> collectExpressions(org.w3c.dom.Element dom, boolean top) {
        List<String> texts = new ArrayList<>();
        String local = dom.getLocalName();
        if (!top && (local.equals("documentation") || local.equals("conditionExpression")
                || local.equals("executionListener") || local.equals("taskListener") || local.equals("outgoing")
                || local.equals("incoming") || FLOW_ELEMENTS.contains(local))) {
            return texts; // a subprocess's inside is read node by node
        }
        org.w3c.dom.NamedNodeMap attributes = dom.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String value = attributes.item(i).getNodeValue();
            if (value != null && (value.contains("${") || value.contains("#{"))) {
                texts.add(value);
            }
        }
        List<org.w3c.dom.Element> children = new ArrayList<>();
        for (org.w3c.dom.Node n = dom.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element child) {
                children.add(child);
            }
        }
        if (children.isEmpty()) {
            String text = dom.getTextContent();
            if (text != null && (text.contains("${") || text.contains("#{"))) {
                texts.add(text);
            }
        }
        for (org.w3c.dom.Element child : children) {
            // boundary events are their own elements with ids; they are read for the activity they sit on
            if (!child.getLocalName().equals("boundaryEvent")) {
                texts.addAll(collectExpressions(child, false));
            }
        }
        return texts;
    }

    /** Local variables of a node: its input parameters and its multi-instance element variable. */
    private Set<String> locals(FlowNode node) {
        Set<String> locals = new HashSet<>();
        for (CamundaInputParameter in : node.getModelInstance().getModelElementsByType(CamundaInputParameter.class)) {
            if (isInside(in, node)) {
                locals.add(in.getCamundaName());
            }
        }
        if (node instanceof Activity a && a.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics mi
                && mi.getCamundaElementVariable() != null) {
            locals.add(mi.getCamundaElementVariable());
        }
        return locals;
    }

    /** Variables the platform's listeners on an element set ({@code execution.setVariable("round", 1)}). */
    private static Set<String> listenerSets(BaseElement element) {
        Set<String> vars = new LinkedHashSet<>();
        if (element.getExtensionElements() == null) {
            return vars;
        }
        for (var listener : element.getExtensionElements().getElementsQuery().list()) {
            String expression = listener.getAttributeValue("expression");
            if (expression != null) {
                Matcher m = SET_VARIABLE.matcher(expression);
                while (m.find()) {
                    vars.add(m.group(1));
                }
            }
        }
        return vars;
    }

    private static String producerHint(String variable, Map<FlowNode, Set<String>> produces) {
        List<String> by = produces.entrySet().stream().filter(e -> e.getValue().contains(variable))
                .map(e -> "'" + label(e.getKey()) + "'").distinct().toList();
        return by.isEmpty() ? "" : " (set by " + String.join(", ", by) + " only on some paths)";
    }
}
