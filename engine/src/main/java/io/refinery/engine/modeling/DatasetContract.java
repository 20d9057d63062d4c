package io.refinery.engine.modeling;

import io.refinery.workflows.DatasetSteps;
import io.refinery.workflows.DatasetSteps.Step;
import io.refinery.workflows.Groups;
import io.refinery.workflows.Processes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The dataset-process contract: whether a process can build a dataset, and per element what is missing. Checked at
 * validate, at deploy (a process that fails it still deploys, as a plain process) and when a demand names a process
 * (it must pass). A process passes when
 * <ul>
 *   <li>it has every required dataset step ({@link DatasetSteps#ALL}: collect, process, pre-label, label, QC, the QC
 *       decision, release), told by element template, worker topic, decision or step id;</li>
 *   <li>every external task's topic is one a worker serves;</li>
 *   <li>its human steps are the known task kinds, for the known groups, and a Label step runs once per package
 *       (multi-instance);</li>
 *   <li>every variable a step needs (the step's own needs, and what its expressions read: loop cardinality,
 *       assignee, timers, input parameters, conditions, the decision's inputs) is set on every path before it: by the
 *       demand or by a step upstream (a "must be available" data-flow analysis over the sequence flows, loops
 *       included);</li>
 *   <li>the QC decision it calls exists (deployed, or among the files deployed with it).</li>
 * </ul>
 * Over 300 lines because it is one algorithm: telling the steps apart and the structural checks that read them.
 */
final class DatasetContract {
    static final String SOURCE = "contract";
    /** FEEL's own words, which are no variables. */
    private static final Set<String> FEEL_WORDS = Set.of("not", "in", "between", "and", "or", "if", "then", "else",
            "for", "some", "every", "satisfies", "instance", "of", "function", "return", "true", "false", "null");
    private static final Set<String> KNOWN_GROUPS = Set.of(Groups.MANAGERS, Groups.ANNOTATORS, Groups.EXPERTS,
            Groups.ADMINS, Groups.CONSUMERS);

    /** Where a decision's input variables come from: deployed decisions, or the files of the same request. */
    interface Decisions {
        /** The variables the decision's inputs read, or empty when no such decision exists. */
        Optional<Set<String>> inputs(String decisionKey);
    }

    private DatasetContract() {
    }

    /** A report per executable process of a BPMN file (completed by {@link TemplateSteps} first). */
    static List<ContractReport> check(ModelFile file, Decisions decisions) {
        BpmnModelInstance model = file.bpmnModel().orElse(null);
        if (model == null) {
            return List.of();
        }
        Map<String, org.w3c.dom.Element> byId = elementsById(file.xml());
        List<ContractReport> reports = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.isExecutable()) {
                reports.add(new Checker(process, decisions, byId).run());
            }
        }
        return reports;
    }

    /** The file's elements by id, read with the JDK's DOM parser (no DTD, no external entities). */
    private static Map<String, org.w3c.dom.Element> elementsById(String xml) {
        Map<String, org.w3c.dom.Element> byId = new HashMap<>();
        try {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            var doc = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
            var all = doc.getElementsByTagNameNS("*", "*");
            for (int i = 0; i < all.getLength(); i++) {
                org.w3c.dom.Element e = (org.w3c.dom.Element) all.item(i);
                if (e.hasAttribute("id")) {
                    byId.putIfAbsent(e.getAttribute("id"), e);
                }
            }
        } catch (Exception e) {
            // the engine's parse reports an unreadable file
        }
        return byId;
    }

    /** Reads the variables of a decision table's input expressions (DMN XML). */
    static Map<String, Set<String>> decisionInputs(ModelFile dmn) {
        Map<String, Set<String>> inputs = new LinkedHashMap<>();
        try {
            var model = org.camunda.bpm.model.dmn.Dmn.readModelFromStream(
                    new ByteArrayInputStream(dmn.xml().getBytes(StandardCharsets.UTF_8)));
            for (var decision : model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Decision.class)) {
                Set<String> names = new LinkedHashSet<>();
                for (var input : decision.getModelInstance().getModelElementsByType(
                        org.camunda.bpm.model.dmn.instance.InputExpression.class)) {
                    if (isInside(input, decision) && input.getText() != null) {
                        names.addAll(PlainExpression.variables(input.getText().getTextContent()));
                    }
                }
                // the rules' entries compare with variables too (">= minCompleteness", "< maxRounds")
                for (var entry : decision.getModelInstance().getModelElementsByType(
                        org.camunda.bpm.model.dmn.instance.UnaryTests.class)) {
                    if (isInside(entry, decision) && entry.getText() != null) {
                        names.addAll(PlainExpression.variables(entry.getText().getTextContent()));
                    }
                }
                for (var entry : decision.getModelInstance().getModelElementsByType(
                        org.camunda.bpm.model.dmn.instance.LiteralExpression.class)) {
                    if (isInside(entry, decision) && entry.getText() != null) {
                        names.addAll(PlainExpression.variables(entry.getText().getTextContent()));
                    }
                }
                names.removeAll(FEEL_WORDS);
                inputs.put(decision.getId(), names);
            }
        } catch (RuntimeException e) {
            // unreadable: the engine's parse reports it
        }
        return inputs;
    }

    static boolean isInside(ModelElementInstance element, ModelElementInstance ancestor) {
        for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
            if (e == ancestor) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------ one process

    private static final class Checker {
        private final Process process;
        private final Decisions decisions;
        private final List<Problem> problems = new ArrayList<>();
        private final Map<FlowNode, Step> steps = new LinkedHashMap<>();
        private final List<FlowNode> nodes = new ArrayList<>();
        private final Map<String, org.w3c.dom.Element> byId;
        private final Map<FlowNode, List<SequenceFlow>> outgoing = new HashMap<>();
        private final Map<FlowNode, List<SequenceFlow>> incomingFlows = new HashMap<>();

        Checker(Process process, Decisions decisions, Map<String, org.w3c.dom.Element> byId) {
            this.process = process;
            this.decisions = decisions;
            this.byId = byId;
        }

        ContractReport run() {
            collect(process.getFlowElements());
            for (FlowNode node : nodes) {
                identify(node).ifPresent(step -> steps.put(node, step));
            }
            requiredSteps();
            Set<FlowNode> reached = reachable();
            steps.keySet().stream().filter(n -> !reached.contains(n)).forEach(n -> problem(n,
                    "is never reached from the start event: connect it into the flow"));
            nodes.retainAll(reached);
            humanSteps();
            new VariableFlow(nodes, steps, outgoing, incomingFlows, byId, decisions, this::identify, this::problem)
                    .check();
            List<String> used = steps.values().stream().map(Step::id).distinct().toList();
            return new ContractReport(process.getId(), problems.isEmpty(), used, List.copyOf(problems));
        }

        private void collect(Collection<FlowElement> elements) {
            for (FlowElement element : elements) {
                if (element instanceof SubProcess sub && sub.triggeredByEvent()) {
                    continue; // event subprocesses run beside the main flow
                }
                if (element instanceof FlowNode node) {
                    nodes.add(node);
                }
                if (element instanceof SubProcess sub) {
                    collect(sub.getFlowElements()); // the Label step's wave, or any embedded subprocess
                }
            }
            // the engine follows sourceRef/targetRef, not the <incoming>/<outgoing> lists other tools keep beside them
            for (FlowElement element : elements) {
                if (element instanceof SequenceFlow flow && flow.getSource() != null && flow.getTarget() != null) {
                    outgoing.computeIfAbsent(flow.getSource(), k -> new ArrayList<>()).add(flow);
                    incomingFlows.computeIfAbsent(flow.getTarget(), k -> new ArrayList<>()).add(flow);
                }
            }
        }

        private List<SequenceFlow> outgoing(FlowNode node) {
            return outgoing.getOrDefault(node, List.of());
        }

        /** Nodes a token can reach from the start events (boundary events count once their activity is reached). */
        private Set<FlowNode> reachable() {
            Set<FlowNode> seen = new HashSet<>();
            java.util.Deque<FlowNode> todo = new java.util.ArrayDeque<>();
            nodes.stream().filter(n -> n instanceof StartEvent && n.getParentElement() == process).forEach(todo::add);
            while (!todo.isEmpty()) {
                FlowNode node = todo.pop();
                if (!seen.add(node)) {
                    continue;
                }
                outgoing(node).forEach(f -> todo.push(f.getTarget()));
                if (node instanceof SubProcess sub) {
                    sub.getFlowElements().stream().filter(e -> e instanceof StartEvent)
                            .forEach(e -> todo.push((FlowNode) e));
                }
                for (FlowNode other : nodes) {
                    if (other instanceof BoundaryEvent b && b.getAttachedTo() == node) {
                        todo.push(other);
                    }
                }
            }
            return seen;
        }

        /** Which dataset step an element is: by template, by worker topic, by decision, by step id. */
        private Optional<Step> identify(FlowNode node) {
            String template = node.getAttributeValueNs(TemplateSteps.CAMUNDA_NS, "modelerTemplate");
            Optional<Step> byTemplate = DatasetSteps.byTemplate(template);
            if (byTemplate.isPresent()) {
                return byTemplate;
            }
            String topic = topicOf(node);
            if (topic != null) {
                if (!DatasetSteps.SERVED_TOPICS.contains(topic)) {
                    problem(node, "has topic '" + topic + "', which no worker serves (served: "
                            + String.join(", ", new java.util.TreeSet<>(DatasetSteps.SERVED_TOPICS)) + ")");
                }
                return DatasetSteps.byTopic(topic);
            }
            if (node instanceof BusinessRuleTask rule && rule.getCamundaDecisionRef() != null) {
                return Optional.of(DatasetSteps.QC_RULES);
            }
            if (node instanceof UserTask) {
                return DatasetSteps.byId(node.getId()).filter(s -> s.kind() == DatasetSteps.Kind.HUMAN);
            }
            return Optional.empty();
        }

        private void requiredSteps() {
            for (Step step : DatasetSteps.ALL) {
                if (step.required() && !steps.containsValue(step)) {
                    problems.add(new Problem(process.getId(), "Process '" + label(process) + "' has no "
                            + describe(step) + " step: a dataset process needs collect, process, pre-label, label,"
                            + " quality check, the QC decision and release", SOURCE, null, null));
                }
            }
        }

        private void humanSteps() {
            for (FlowNode node : nodes) {
                if (!(node instanceof UserTask task)) {
                    continue;
                }
                String groups = task.getCamundaCandidateGroups();
                if (groups != null && PlainExpression.bodies(groups).isEmpty()) {
                    for (String group : groups.split("\\s*,\\s*")) {
                        if (!group.isBlank() && !KNOWN_GROUPS.contains(group)) {
                            problem(task, "is for group '" + group + "', which is not a role of the platform (known: "
                                    + String.join(", ", new java.util.TreeSet<>(KNOWN_GROUPS)) + ")");
                        }
                    }
                }
                Step step = steps.get(task);
                boolean perPackage = step == DatasetSteps.LABEL || step == DatasetSteps.REWORK;
                if (perPackage && !(task.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics)) {
                    problem(task, "is a " + step.id() + " step but not one task per work package: make it"
                            + " multi-instance (the Label template does)");
                }
                if (step == DatasetSteps.LABEL && groups != null && !groups.contains(Groups.ANNOTATORS)) {
                    problem(task, "is a Label step for '" + groups + "': labelling tasks are for group annotators");
                }
                if (step == null && template(task) != null && template(task).startsWith("io.refinery.step.")) {
                    problem(task, "uses step template '" + template(task) + "', which is not a known task kind");
                }
            }
        }

        private static String topicOf(FlowNode node) {
            if (node instanceof ServiceTask t && "external".equals(t.getCamundaType())) {
                return t.getCamundaTopic();
            }
            if (node instanceof SendTask t && "external".equals(t.getCamundaType())) {
                return t.getCamundaTopic();
            }
            if (node instanceof BusinessRuleTask t && "external".equals(t.getCamundaType())) {
                return t.getCamundaTopic();
            }
            return null;
        }

        private static String template(FlowNode node) {
            return node.getAttributeValueNs(TemplateSteps.CAMUNDA_NS, "modelerTemplate");
        }

        private void problem(BaseElement element, String message) {
            problems.add(new Problem(element.getId(), "'" + label(element) + "' " + message, SOURCE, null, null));
        }
    }

    private static String describe(Step step) {
        return switch (step.kind()) {
            case WORKER -> step.id() + " (topic " + step.topic() + ")";
            case DECISION -> "QC decision (a business rule task calling decision '" + Processes.QC_DECISION_KEY + "')";
            case HUMAN -> step.id() + " (a user task '" + step.id() + "' or the step's template)";
        };
    }

    static String label(BaseElement element) {
        String name = element instanceof FlowElement f ? f.getName() : element instanceof Process p ? p.getName() : null;
        return name == null || name.isBlank() ? element.getId() : name;
    }
}
