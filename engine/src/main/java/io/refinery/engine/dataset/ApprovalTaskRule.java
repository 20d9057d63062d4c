package io.refinery.engine.dataset;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.tasks.TaskKind;
import io.refinery.engine.tasks.TaskRule;
import io.refinery.workflows.Threshold;
import io.refinery.workflows.Vars;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Approving a demand: the decision ({@code approved}, required), the reason of a rejection, and what the approver may
 * still change — target size, pre-label rules and every threshold, each within the range of its one definition
 * ({@link Threshold}), the same as when the demand was filed.
 */
@Component
class ApprovalTaskRule implements TaskRule {
    private static final Set<String> VARIABLES = variableNames();

    private static Set<String> variableNames() {
        Set<String> names = new HashSet<>(Set.of(Vars.APPROVED, Vars.REJECT_REASON, Vars.LABEL_RULES, Vars.TARGET_SIZE));
        Threshold.ALL.forEach(t -> names.add(t.name()));
        return Set.copyOf(names);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.APPROVAL;
    }

    @Override
    public Set<String> variables() {
        return VARIABLES;
    }

    @Override
    public Map<String, Object> beforeComplete(Task task, Map<String, Object> variables, CurrentUser user) {
        Map<String, Object> typed = new HashMap<>();
        variables.forEach((name, value) -> typed.put(name, typed(name, value)));
        if (!(typed.get(Vars.APPROVED) instanceof Boolean)) {
            throw ApiException.badRequest("variable 'approved' (true or false) is required to complete an approval");
        }
        return typed;
    }

    private static Object typed(String name, Object value) {
        switch (name) {
            case Vars.APPROVED -> {
                if (!(value instanceof Boolean)) {
                    throw ApiException.badRequest("variable '" + name + "' must be true or false, not " + value);
                }
                return value;
            }
            case Vars.TARGET_SIZE -> {
                if (!(value instanceof Number n) || n.longValue() < 1) {
                    throw ApiException.badRequest("variable '" + name + "' must be a positive integer");
                }
                return n.longValue();
            }
            case Vars.LABEL_RULES -> {
                return Objects.toString(value, "");
            }
            case Vars.REJECT_REASON -> {
                String reason = Objects.toString(value, "").strip();
                if (reason.length() > 2000) {
                    throw ApiException.badRequest("variable '" + name + "' may have at most 2000 characters");
                }
                return reason;
            }
            default -> {
                Threshold threshold = Threshold.byName(name)
                        .orElseThrow(() -> ApiException.badRequest("variable '" + name + "' is not a threshold"));
                String problem = value instanceof Number n ? threshold.problem(n) : threshold.problem(null);
                if (problem != null) {
                    throw ApiException.badRequest(problem);
                }
                return ((Number) value).doubleValue();
            }
        }
    }
}
