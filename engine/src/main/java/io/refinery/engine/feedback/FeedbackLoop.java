package io.refinery.engine.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.dataset.DatasetVersions;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import io.refinery.engine.system.Sha256;
import io.refinery.engine.tasks.Tasks;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Vars;
import io.refinery.workflows.answers.AnnotationValues;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.MessageCorrelationResultType;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Model errors from consumers into hard examples. A post is checked as a whole ({@link ModelErrors}), stored as
 * pending entries, and correlated as message {@link Processes#FEEDBACK_MESSAGE} with business key
 * {@code dataset-<id>} in the same transaction: it starts the dataset's model-feedback run, or joins the open one.
 * The run's expert task shows the dataset's pending entries with predicted vs expected; the expert confirms (the
 * expected label, or another) or discards each; a confirmed entry becomes a row of {@code hard_example}, which the
 * next version's collect reads ({@code GET /api/datasets/{id}/hard-examples}).
 */
@Service
public class FeedbackLoop {
    public static final String PENDING = "pending";
    public static final String CONFIRMED = "confirmed";
    public static final String DISCARDED = "discarded";

    /** What a post did: how many entries were stored, in which run, and whether the run was already open. */
    public record Posted(int accepted, String runId, boolean joined) {
    }

    /** One entry as the expert and managers see it. */
    public record Entry(long id, long datasetId, String runId, Long itemId, String text, JsonNode fields,
                        String predicted, String expected, String note, String submittedBy, Instant submittedAt,
                        String status, String decidedLabel, String decidedBy) {
    }

    /** The expert's task: the dataset, its classes, the entries to decide and those decided in this run. */
    public record Review(String taskId, long datasetId, String datasetName, List<String> labels, List<Entry> entries) {
    }

    /** A confirmed model error queued for the next version. */
    public record HardExample(long id, String text, JsonNode fields, String label, String contentHash,
                              Long sourceItemId, Long feedbackId, String confirmedBy, Instant confirmedAt) {
    }

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final Tasks labeling;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final DatasetVersions datasets;

    public FeedbackLoop(JdbcTemplate jdbc, RuntimeService runtime, TaskService tasks, Tasks labeling,
                        PlatformTransactionManager transactions, ObjectMapper json, DatasetVersions datasets) {
        this.jdbc = jdbc;
        this.datasets = datasets;
        this.runtime = runtime;
        this.tasks = tasks;
        this.labeling = labeling;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
    }

    static String businessKey(long datasetId) {
        return "dataset-" + datasetId;
    }

    /** Checks, stores and correlates a post; all or nothing. */
    public Posted post(long datasetId, JsonNode body, String consumer) {
        String datasetName = datasetName(datasetId);
        List<ModelErrors.ModelError> errors = ModelErrors.read(body, itemId -> releasedText(datasetId, itemId),
                labels(datasetId));
        return transaction.execute(status -> store(datasetId, datasetName, errors, consumer));
    }

    private Posted store(long datasetId, String datasetName, List<ModelErrors.ModelError> errors, String consumer) {
        // one post at a time per dataset, on every node of the database: the dataset's row stays locked until this
        // transaction ends, so a second first post waits, then sees the run the first one opened, and joins it
        datasets.lockDataset(datasetId);
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("INSERT INTO model_feedback (dataset_id, item_id, text, fields_json, predicted, expected, note,"
                        + " submitted_by, submitted_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                errors.stream().map(e -> new Object[] {datasetId, e.itemId(), e.text(), e.fieldsJson(), e.predicted(),
                        e.expected(), e.note(), consumer, now, PENDING}).toList());
        ProcessInstance open = runtime.createProcessInstanceQuery().processDefinitionKey(Processes.MODEL_FEEDBACK)
                .processInstanceBusinessKey(businessKey(datasetId)).active().singleResult();
        long received = errors.size();
        if (open != null && runtime.getVariable(open.getId(), Vars.FEEDBACK_RECEIVED) instanceof Number n) {
            received += n.longValue();
        }
        MessageCorrelationResult result = runtime.createMessageCorrelation(Processes.FEEDBACK_MESSAGE)
                .processInstanceBusinessKey(businessKey(datasetId))
                .setVariables(Map.of(Vars.DATASET_ID, datasetId, Vars.NAME, datasetName,
                        Vars.FEEDBACK_PENDING, pendingCount(datasetId), Vars.FEEDBACK_RECEIVED, received))
                .correlateWithResult();
        boolean joined = result.getResultType() == MessageCorrelationResultType.Execution;
        String runId = joined ? result.getExecution().getProcessInstanceId() : result.getProcessInstance().getId();
        jdbc.update("UPDATE model_feedback SET run_id = ? WHERE dataset_id = ? AND run_id IS NULL AND status = ?", runId,
                datasetId, PENDING);
        return new Posted(errors.size(), runId, joined);
    }

    // ---- the expert's review --------------------------------------------------------------------------

    /** The review of a model-feedback task: the dataset's pending entries and those this run decided. */
    public Review review(String taskId, CurrentUser user) {
        Task task = feedbackTask(taskId, user);
        long datasetId = datasetOf(task);
        List<Entry> entries = entries(" WHERE f.dataset_id = ? AND (f.status = ? OR f.run_id = ?) ORDER BY f.id",
                datasetId, PENDING, task.getProcessInstanceId());
        return new Review(taskId, datasetId, datasetName(datasetId), List.copyOf(labels(datasetId)), entries);
    }

    /** Confirms (with {@code label}, default the expected one) or discards one entry; may be changed until completion. */
    public Entry decide(String taskId, long feedbackId, String decision, String label, CurrentUser user) {
        Task task = feedbackTask(taskId, user);
        long datasetId = datasetOf(task);
        Entry entry = entries(" WHERE f.id = ? AND f.dataset_id = ?", feedbackId, datasetId).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("feedback entry " + feedbackId + " of this dataset"));
        Set<String> labels = labels(datasetId);
        return transaction.execute(status -> {
            Timestamp now = Timestamp.from(Instant.now());
            jdbc.update("DELETE FROM hard_example WHERE feedback_id = ?", feedbackId);
            if ("confirm".equals(decision)) {
                String confirmed = label == null || label.isBlank() ? entry.expected() : label.strip();
                if (!labels.isEmpty() && !labels.contains(confirmed)) {
                    throw ApiException.badRequest("label '" + confirmed + "' is not a class of the dataset " + labels);
                }
                jdbc.update("UPDATE model_feedback SET status = ?, decided_label = ?, decided_by = ?, decided_at = ?,"
                        + " run_id = ? WHERE id = ?", CONFIRMED, confirmed, user.id(), now, task.getProcessInstanceId(),
                        feedbackId);
                jdbc.update("INSERT INTO hard_example (dataset_id, feedback_id, text, fields_json, label, content_hash,"
                                + " source_item_id, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        datasetId, feedbackId, entry.text(), entry.fields() == null ? null : entry.fields().toString(),
                        confirmed, Sha256.hex(entry.text()), entry.itemId(), user.id(), now);
            } else if ("discard".equals(decision)) {
                jdbc.update("UPDATE model_feedback SET status = ?, decided_label = NULL, decided_by = ?, decided_at = ?,"
                        + " run_id = ? WHERE id = ?", DISCARDED, user.id(), now, task.getProcessInstanceId(), feedbackId);
            } else {
                throw ApiException.badRequest("decision '" + decision + "': confirm or discard");
            }
            return entries(" WHERE f.id = ?", feedbackId).get(0);
        });
    }

    /**
     * Completes the review once nothing is pending. Entries that arrive while it completes keep the run open: the
     * gateway sends the run back to review while {@code feedbackPending} is above 0.
     */
    public void complete(String taskId, CurrentUser user) {
        Task task = feedbackTask(taskId, user);
        long datasetId = datasetOf(task);
        transaction.executeWithoutResult(status -> {
            long pending = pendingCount(datasetId);
            if (pending > 0) {
                throw ApiException.conflict(pending + " model error" + (pending == 1 ? " is" : "s are")
                        + " not decided yet: confirm or discard each");
            }
            if (task.getAssignee() == null) {
                tasks.claim(taskId, user.id());
            }
            tasks.complete(taskId, Map.of(Vars.FEEDBACK_PENDING, pendingCount(datasetId)));
        });
    }

    /** 404 for another kind of task; 403 unless the user is an expert (or admin) the task is offered to. */
    private Task feedbackTask(String taskId, CurrentUser user) {
        if (!user.hasRole(Roles.EXPERT) && !user.hasRole(Roles.ADMIN)) {
            throw ApiException.forbidden("model errors are reviewed by experts");
        }
        Task task = labeling.requireTask(taskId);
        if (!Processes.Feedback.REVIEW.equals(task.getTaskDefinitionKey())) {
            throw ApiException.notFound("model-feedback review task " + taskId);
        }
        return user.hasRole(Roles.ADMIN) ? task : labeling.requireMayWork(taskId, user);
    }

    private long datasetOf(Task task) {
        Object id = runtime.getVariable(task.getProcessInstanceId(), Vars.DATASET_ID);
        if (!(id instanceof Number n)) {
            throw ApiException.conflict("task " + task.getId() + " has no dataset");
        }
        return n.longValue();
    }

    // ---- reads -------------------------------------------------------------------------------------------

    /** The latest entries of a dataset, newest first (managers, experts). */
    public List<Entry> latest(long datasetId, int limit) {
        return entries(" WHERE f.dataset_id = ? ORDER BY f.id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)), datasetId);
    }

    /** Confirmed model errors of a dataset with id above {@code afterId}, in id order. */
    public void hardExamples(long datasetId, long afterId, java.util.function.Consumer<HardExample> sink) {
        jdbc.query("""
                SELECT id, text, fields_json, label, content_hash, source_item_id, feedback_id, confirmed_by, confirmed_at
                FROM hard_example WHERE dataset_id = ? AND id > ? ORDER BY id""", rs -> {
            long item = rs.getLong(6);
            Long sourceItem = rs.wasNull() ? null : item;
            sink.accept(new HardExample(rs.getLong(1), rs.getString(2), tree(rs.getString(3)), rs.getString(4),
                    rs.getString(5), sourceItem, rs.getLong(7), rs.getString(8), rs.getTimestamp(9).toInstant()));
        }, datasetId, afterId);
    }

    private List<Entry> entries(String where, Object... args) {
        return jdbc.query("""
                SELECT f.id, f.dataset_id, f.run_id, f.item_id, f.text, f.fields_json, f.predicted, f.expected, f.note,
                       f.submitted_by, f.submitted_at, f.status, f.decided_label, f.decided_by
                FROM model_feedback f""" + where, (rs, i) -> {
            long item = rs.getLong(4);
            Long itemId = rs.wasNull() ? null : item;
            return new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), itemId, rs.getString(5), tree(rs.getString(6)),
                    rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant(),
                    rs.getString(12), rs.getString(13), rs.getString(14));
        }, args);
    }

    public String datasetName(long datasetId) {
        return jdbc.queryForList("SELECT name FROM dataset WHERE id = ?", String.class, datasetId).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("dataset " + datasetId));
    }

    private long pendingCount(long datasetId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM model_feedback WHERE dataset_id = ? AND status = ?", Long.class,
                datasetId, PENDING);
        return n == null ? 0 : n;
    }

    /** The text of an item of one of the dataset's released versions; null otherwise. */
    private String releasedText(long datasetId, long itemId) {
        return jdbc.queryForList("SELECT i.text FROM item i JOIN dataset_release r ON r.version_id = i.version_id"
                + " WHERE i.id = ? AND r.dataset_id = ?", String.class, itemId, datasetId).stream().findFirst().orElse(null);
    }

    /** The label set of the dataset's latest version's demand for single-class task types; empty = not checked. */
    Set<String> labels(long datasetId) {
        String taskType = jdbc.queryForList("SELECT task_type FROM dataset WHERE id = ?", String.class, datasetId)
                .stream().findFirst().orElse("");
        if (!AnnotationValues.isClassification(taskType)) {
            return Set.of();
        }
        List<String> demands = jdbc.queryForList("SELECT demand_json FROM dataset_version WHERE dataset_id = ?"
                + " ORDER BY id DESC LIMIT 1", String.class, datasetId);
        Set<String> labels = new LinkedHashSet<>();
        if (!demands.isEmpty()) {
            JsonNode set = tree(demands.get(0)).path("labelSet");
            if (set.isArray()) {
                set.forEach(l -> labels.add(l.asText()));
            } else if (set.isTextual()) {
                for (String l : set.asText().split(",")) {
                    if (!l.isBlank()) {
                        labels.add(l.trim());
                    }
                }
            }
        }
        return labels;
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
