package io.refinery.engine.quality;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.tasks.TaskKind;
import io.refinery.engine.tasks.TaskRule;
import io.refinery.workflows.Vars;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** The decision after too many failed QC rounds: release anyway ({@code releaseAnyway}, true or false, required). */
@Component
class QcDecisionTaskRule implements TaskRule {

    @Override
    public TaskKind kind() {
        return TaskKind.DECISION;
    }

    @Override
    public Set<String> variables() {
        return Set.of(Vars.RELEASE_ANYWAY);
    }

    @Override
    public Map<String, Object> beforeComplete(Task task, Map<String, Object> variables, CurrentUser user) {
        Object value = variables.get(Vars.RELEASE_ANYWAY);
        if (value == null) {
            throw ApiException.badRequest("variable 'releaseAnyway' (true or false) is required");
        }
        if (!(value instanceof Boolean)) {
            throw ApiException.badRequest("variable 'releaseAnyway' must be true or false, not " + value);
        }
        return variables;
    }
}
