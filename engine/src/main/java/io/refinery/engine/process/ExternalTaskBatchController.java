package io.refinery.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.system.ApiException;
import io.refinery.workflows.api.WorkerApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Completes many external tasks in one request and, when they all succeed, one transaction. Camunda's REST API
 * completes one task per request; a busy worker pays that round trip and commit for every task. Our worker runtime
 * sends what finished while its previous batch was in flight, so a single finished task still goes at once.
 * Variables use Camunda's typed form ({@code {"name":{"value":1,"type":"Long"}}}). Any official Camunda client
 * keeps working through {@code /engine-rest}; this is an addition, not a replacement.
 */
@RestController
class ExternalTaskBatchController {
    static final int MAX_BATCH = 1000;

    record TaskCompletion(String id, Map<String, JsonNode> variables) {
    }

    record Batch(String workerId, List<TaskCompletion> tasks) {
    }

    record Failure(String id, String message) {
    }

    record Outcome(int completed, List<Failure> failed) {
    }

    private final ExternalTaskService externalTasks;
    private final TransactionTemplate transaction;

    ExternalTaskBatchController(ExternalTaskService externalTasks, PlatformTransactionManager transactions) {
        this.externalTasks = externalTasks;
        this.transaction = new TransactionTemplate(transactions);
    }

    @PostMapping(WorkerApi.COMPLETE_EXTERNAL_TASKS)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    Outcome complete(@RequestBody Batch batch) {
        if (batch.workerId() == null || batch.workerId().isBlank()) {
            throw ApiException.badRequest("field 'workerId' is required");
        }
        if (batch.tasks() == null || batch.tasks().isEmpty() || batch.tasks().size() > MAX_BATCH) {
            throw ApiException.badRequest("field 'tasks' must hold 1 to " + MAX_BATCH + " completions");
        }
        List<Map<String, Object>> variables = new ArrayList<>();
        for (TaskCompletion task : batch.tasks()) {
            variables.add(typed(task));
        }
        try {
            transaction.executeWithoutResult(status -> {
                for (int i = 0; i < batch.tasks().size(); i++) {
                    externalTasks.complete(batch.tasks().get(i).id(), batch.workerId(), variables.get(i));
                }
            });
            return new Outcome(batch.tasks().size(), List.of());
        } catch (ProcessEngineException oneFailed) {
            // one bad completion (lock lost, task gone) must not undo the others: one transaction each
            int completed = 0;
            List<Failure> failed = new ArrayList<>();
            for (int i = 0; i < batch.tasks().size(); i++) {
                String id = batch.tasks().get(i).id();
                Map<String, Object> vars = variables.get(i);
                try {
                    transaction.executeWithoutResult(status -> externalTasks.complete(id, batch.workerId(), vars));
                    completed++;
                } catch (ProcessEngineException e) {
                    failed.add(new Failure(id, e.getMessage()));
                }
            }
            return new Outcome(completed, failed);
        }
    }

    static Map<String, Object> typed(TaskCompletion task) {
        if (task.id() == null || task.id().isBlank()) {
            throw ApiException.badRequest("every completion needs an 'id'");
        }
        Map<String, Object> vars = new HashMap<>();
        if (task.variables() == null) {
            return vars;
        }
        task.variables().forEach((name, typedValue) -> vars.put(name, value(task.id(), name, typedValue)));
        return vars;
    }

    static Object value(String taskId, String name, JsonNode typedValue) {
        JsonNode value = typedValue.path("value");
        String type = typedValue.path("type").asText("");
        String where = "task " + taskId + ", variable '" + name + "'";
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return switch (type) {
            case "String" -> value.asText();
            case "Boolean" -> {
                if (!value.isBoolean()) {
                    throw ApiException.badRequest(where + ": not a boolean");
                }
                yield value.booleanValue();
            }
            case "Integer" -> {
                if (!value.canConvertToInt()) {
                    throw ApiException.badRequest(where + ": not an integer");
                }
                yield value.intValue();
            }
            case "Long" -> {
                if (!value.canConvertToLong()) {
                    throw ApiException.badRequest(where + ": not a long");
                }
                yield value.longValue();
            }
            case "Double" -> {
                if (!value.isNumber()) {
                    throw ApiException.badRequest(where + ": not a number");
                }
                yield value.doubleValue();
            }
            default -> throw ApiException.badRequest(where + ": type must be String, Boolean, Integer, Long or Double,"
                    + " not '" + type + "'");
        };
    }
}
