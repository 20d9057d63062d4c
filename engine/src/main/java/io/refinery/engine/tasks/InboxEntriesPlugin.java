package io.refinery.engine.tasks;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Puts {@link InboxEntries} (and the demand's priority, {@link #DEMAND_PRIORITY}) on every user task of every deployed process, whoever drew it (the standard process, a
 * manager's own in the designer), and rebuilds the entries once the engine is up if they disagree with the open
 * tasks (a database from before V5, tasks changed with plain SQL).
 */
@Component
public class InboxEntriesPlugin extends AbstractProcessEnginePlugin {
    private static final List<String> EVENTS = List.of(TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT,
            TaskListener.EVENTNAME_UPDATE, TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE);

    /**
     * A human task of a build takes its demand's priority (variable {@code priority}, 0–100), unless its step sets a
     * priority of its own.
     */
    static final TaskListener DEMAND_PRIORITY = task -> {
        if (task.getVariable(io.refinery.workflows.Vars.PRIORITY) instanceof Number priority) {
            task.setPriority(priority.intValue());
        }
    };

    private final InboxEntries entries;

    public InboxEntriesPlugin(InboxEntries entries) {
        this.entries = entries;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    TaskDefinition definition = behavior.getTaskDefinition();
                    if (definition.getPriorityExpression() == null) {
                        // first, so that the inbox entry is written with it
                        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, DEMAND_PRIORITY);
                    }
                    EVENTS.forEach(event -> definition.addBuiltInTaskListener(event, entries));
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        if (!entries.inSync()) {
            entries.resync();
        }
    }
}
