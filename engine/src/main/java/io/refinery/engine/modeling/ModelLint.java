package io.refinery.engine.modeling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Server-side mirror of the designer's lint rules, run over executable processes only (other tools' descriptive
 * pools are not deployed and not linted). Rule ids are those of the browser's rules, so a problem found here and
 * one found there read the same:
 * <ul>
 *   <li>{@code no-disconnected} — a flow node without incoming flow (other than a start event) or without outgoing
 *       flow (other than an end event); boundary events, event subprocesses, compensation handlers and link events
 *       are exempt</li>
 *   <li>{@code camunda-topic} — an external task (service, send or business rule task with
 *       {@code camunda:type="external"}) without {@code camunda:topic}</li>
 *   <li>{@code user-task-group} — a user task without candidate groups, candidate users or assignee</li>
 *   <li>{@code conditional-flows} — a flow leaving an exclusive or inclusive gateway that forks, with neither a
 *       condition nor the gateway's default role</li>
 *   <li>{@code history-ttl} — an executable process without {@code camunda:historyTimeToLive}</li>
 * </ul>
 */
final class ModelLint {
    static final String NO_DISCONNECTED = "no-disconnected";
    static final String CAMUNDA_TOPIC = "camunda-topic";
    static final String USER_TASK_GROUP = "user-task-group";
    static final String CONDITIONAL_FLOWS = "conditional-flows";
    static final String HISTORY_TTL = "history-ttl";

    private ModelLint() {
    }

    /** Lint problems of a BPMN file; DMN files have none here (the engine's parse covers them). */
    static List<Problem> check(ModelFile file) {
        BpmnModelInstance model = file.bpmnModel().orElse(null);
        if (model == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (!process.isExecutable()) {
                continue;
            }
            if (process.getCamundaHistoryTimeToLiveString() == null
                    || process.getCamundaHistoryTimeToLiveString().isBlank()) {
                problems.add(lint(process.getId(), "Process '" + label(process) + "' has no history time to live"
                        + " (camunda:historyTimeToLive, e.g. 180 days)", HISTORY_TTL));
            }
            flowNodes(process.getFlowElements(), problems);
        }
        return problems;
    }

    private static void flowNodes(Collection<? extends ModelElementInstance> elements, List<Problem> problems) {
        for (ModelElementInstance element : elements) {
            if (!(element instanceof FlowNode node)) {
                continue;
            }
            disconnected(node, problems);
            if (node instanceof UserTask task) {
                userTask(task, problems);
            }
            topic(node, problems);
            if (node instanceof ExclusiveGateway || node instanceof InclusiveGateway) {
                conditions((Gateway) node, problems);
            }
            if (node instanceof SubProcess sub) {
                flowNodes(sub.getFlowElements(), problems);
            }
        }
    }

    private static void disconnected(FlowNode node, List<Problem> problems) {
        if (node instanceof BoundaryEvent || isLink(node) || isExempt(node)) {
            return;
        }
        boolean noIncoming = node.getIncoming().isEmpty() && !(node instanceof StartEvent);
        boolean noOutgoing = node.getOutgoing().isEmpty() && !(node instanceof EndEvent);
        if (noIncoming && noOutgoing) {
            problems.add(lint(node.getId(), "'" + label(node) + "' is not connected", NO_DISCONNECTED));
        } else if (noIncoming) {
            problems.add(lint(node.getId(), "'" + label(node) + "' has no incoming sequence flow", NO_DISCONNECTED));
        } else if (noOutgoing) {
            problems.add(lint(node.getId(), "'" + label(node) + "' has no outgoing sequence flow", NO_DISCONNECTED));
        }
    }

    private static boolean isExempt(FlowNode node) {
        if (node instanceof SubProcess sub && sub.triggeredByEvent()) {
            return true;
        }
        return node instanceof Activity activity && Boolean.TRUE.equals(isForCompensation(activity));
    }

    private static Boolean isForCompensation(Activity activity) {
        return activity.isForCompensation();
    }

    private static boolean isLink(FlowNode node) {
        if (node instanceof IntermediateCatchEvent e) {
            return e.getEventDefinitions().stream().anyMatch(d -> d instanceof LinkEventDefinition);
        }
        if (node instanceof IntermediateThrowEvent e) {
            return e.getEventDefinitions().stream().anyMatch(d -> d instanceof LinkEventDefinition);
        }
        return false;
    }

    private static void userTask(UserTask task, List<Problem> problems) {
        if (blank(task.getCamundaCandidateGroups()) && blank(task.getCamundaCandidateUsers())
                && blank(task.getCamundaAssignee())) {
            problems.add(lint(task.getId(), "User task '" + label(task) + "' has no candidate groups, candidate users"
                    + " or assignee: nobody would see it", USER_TASK_GROUP));
        }
    }

    private static void topic(FlowNode node, List<Problem> problems) {
        String type = null;
        String topic = null;
        if (node instanceof ServiceTask t) {
            type = t.getCamundaType();
            topic = t.getCamundaTopic();
        } else if (node instanceof SendTask t) {
            type = t.getCamundaType();
            topic = t.getCamundaTopic();
        } else if (node instanceof BusinessRuleTask t) {
            type = t.getCamundaType();
            topic = t.getCamundaTopic();
        }
        if ("external".equals(type) && blank(topic)) {
            problems.add(lint(node.getId(), "External task '" + label(node) + "' has no topic (camunda:topic):"
                    + " no worker would fetch it", CAMUNDA_TOPIC));
        }
    }

    private static void conditions(Gateway gateway, List<Problem> problems) {
        if (gateway.getOutgoing().size() < 2) {
            return;
        }
        ModelElementInstance defaultFlow = gateway instanceof ExclusiveGateway x ? x.getDefault()
                : ((InclusiveGateway) gateway).getDefault();
        for (SequenceFlow flow : gateway.getOutgoing()) {
            if (flow != defaultFlow && flow.getConditionExpression() == null) {
                problems.add(lint(flow.getId(), "Sequence flow '" + label(flow) + "' leaves gateway '"
                        + label(gateway) + "' without a condition and is not its default flow", CONDITIONAL_FLOWS));
            }
        }
    }

    private static Problem lint(String elementId, String message, String rule) {
        return new Problem(elementId, message + " (" + rule + ")", Problem.LINT, null, null);
    }

    private static String label(org.camunda.bpm.model.bpmn.instance.BaseElement element) {
        String name = element instanceof org.camunda.bpm.model.bpmn.instance.FlowElement f ? f.getName()
                : element instanceof Process p ? p.getName() : null;
        return name == null || name.isBlank() ? element.getId() : name;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
