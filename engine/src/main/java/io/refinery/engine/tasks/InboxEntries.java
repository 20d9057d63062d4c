package io.refinery.engine.tasks;

import io.refinery.workflows.Vars;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@code inbox_entry} (V5) equal to the open user tasks: a task listener that {@link InboxEntriesPlugin} puts
 * on every user task of every process, for create, assignment, update (claim, unclaim, candidate changes, due date,
 * priority), complete and delete. It runs inside the engine's command, on the engine's transaction, so an entry
 * commits or rolls back with the task change that caused it. {@link #resync()} rebuilds the table from Camunda's
 * own tables in a few statements (on start when they disagree, e.g. tasks made before this table existed).
 */
@Component
public class InboxEntries implements TaskListener {
    private static final Logger LOG = LoggerFactory.getLogger(InboxEntries.class);

    static final String EVERYONE = "*";

    private static final String INSERT = "INSERT INTO inbox_entry (audience, task_id, assignee, task_key, round,"
            + " process_instance, definition_id, name, created, due, priority, fanout) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    public InboxEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String user(String id) {
        return "u:" + id;
    }

    static String group(String id) {
        return "g:" + id;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE, EVENTNAME_ASSIGNMENT, EVENTNAME_UPDATE -> write(task);
            case EVENTNAME_COMPLETE, EVENTNAME_DELETE -> jdbc.update("DELETE FROM inbox_entry WHERE task_id = ?", task.getId());
            default -> { }
        }
    }

    /** The task's rows as they are now: the everyone row, and the assignee's, or else its candidates'. */
    private void write(DelegateTask task) {
        Set<String> audiences = new LinkedHashSet<>();
        audiences.add(EVERYONE);
        if (task.getAssignee() != null) {
            audiences.add(user(task.getAssignee()));
        } else {
            for (IdentityLink link : task.getCandidates()) {
                if (!IdentityLinkType.CANDIDATE.equals(link.getType()) || deletedInThisCommand(link)) {
                    continue;
                }
                if (link.getGroupId() != null) {
                    audiences.add(group(link.getGroupId()));
                } else if (link.getUserId() != null) {
                    audiences.add(user(link.getUserId()));
                }
            }
        }
        Integer round = round(task.getVariable(Vars.ROUND));
        Date created = task.getCreateTime() == null ? new Date() : task.getCreateTime();
        List<Object[]> rows = new ArrayList<>(audiences.size());
        for (String audience : audiences) {
            rows.add(new Object[] {audience, task.getId(), task.getAssignee(), task.getTaskDefinitionKey(), round,
                    task.getProcessInstanceId(), task.getProcessDefinitionId(), truncate(task.getName()),
                    new Timestamp(created.getTime()), task.getDueDate() == null ? null : new Timestamp(task.getDueDate().getTime()),
                    task.getPriority(), Math.max(1, audiences.size() - 1)});
        }
        jdbc.update("DELETE FROM inbox_entry WHERE task_id = ?", task.getId());
        jdbc.batchUpdate(INSERT, rows);
    }

    /**
     * Camunda deletes a removed candidate link but keeps it in the task's list until the command ends, and fires the
     * update event in between: a link the command deleted is not a candidate any more.
     */
    private static boolean deletedInThisCommand(IdentityLink link) {
        CommandContext context = Context.getCommandContext();
        return context != null && link instanceof DbEntity entity
                && context.getDbEntityManager().getDbEntityCache().isDeleted(entity);
    }

    private static Integer round(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }

    private static String truncate(String name) {
        return name == null || name.length() <= 255 ? name : name.substring(0, 255);
    }

    /** True when every open task has its everyone row and no entry is left of a finished task. */
    public boolean inSync() {
        Long missing = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK t WHERE NOT EXISTS (SELECT 1 FROM inbox_entry e"
                + " WHERE e.audience = '" + EVERYONE + "' AND e.task_id = t.ID_)", Long.class);
        Long stale = jdbc.queryForObject("SELECT COUNT(*) FROM inbox_entry e WHERE e.audience = '" + EVERYONE + "'"
                + " AND NOT EXISTS (SELECT 1 FROM ACT_RU_TASK t WHERE t.ID_ = e.task_id)", Long.class);
        return missing == 0 && stale == 0;
    }

    /** Rebuilds every entry from Camunda's task, identity-link and variable tables, in one transaction. */
    @Transactional
    public int resync() {
        jdbc.update("DELETE FROM inbox_entry");
        String round = "(SELECT COALESCE(MAX(CASE WHEN v.EXECUTION_ID_ = t.EXECUTION_ID_ THEN v.LONG_ END), MAX(v.LONG_))"
                + " FROM ACT_RU_VARIABLE v WHERE v.NAME_ = '" + Vars.ROUND + "' AND v.TASK_ID_ IS NULL"
                + " AND (v.EXECUTION_ID_ = t.EXECUTION_ID_ OR v.EXECUTION_ID_ = t.PROC_INST_ID_))";
        String candidates = "(SELECT COUNT(DISTINCT CASE WHEN c.GROUP_ID_ IS NOT NULL THEN CONCAT('g:', c.GROUP_ID_)"
                + " ELSE CONCAT('u:', c.USER_ID_) END)"
                + " FROM ACT_RU_IDENTITYLINK c WHERE c.TASK_ID_ = t.ID_ AND c.TYPE_ = '" + IdentityLinkType.CANDIDATE + "')";
        String fanout = "CASE WHEN t.ASSIGNEE_ IS NOT NULL THEN 1 ELSE GREATEST(1, " + candidates + ") END";
        String columns = "t.ID_, t.ASSIGNEE_, t.TASK_DEF_KEY_, " + round + ", t.PROC_INST_ID_, t.PROC_DEF_ID_, t.NAME_,"
                + " t.CREATE_TIME_, t.DUE_DATE_, t.PRIORITY_, " + fanout;
        String into = "INSERT INTO inbox_entry (audience, task_id, assignee, task_key, round, process_instance,"
                + " definition_id, name, created, due, priority, fanout) ";
        int rows = jdbc.update(into + "SELECT '" + EVERYONE + "', " + columns + " FROM ACT_RU_TASK t");
        rows += jdbc.update(into + "SELECT CONCAT('u:', t.ASSIGNEE_), " + columns + " FROM ACT_RU_TASK t"
                + " WHERE t.ASSIGNEE_ IS NOT NULL");
        rows += jdbc.update(into + "SELECT DISTINCT CASE WHEN l.GROUP_ID_ IS NOT NULL THEN CONCAT('g:', l.GROUP_ID_)"
                + " ELSE CONCAT('u:', l.USER_ID_) END, " + columns
                + " FROM ACT_RU_TASK t JOIN ACT_RU_IDENTITYLINK l ON l.TASK_ID_ = t.ID_ AND l.TYPE_ = '"
                + IdentityLinkType.CANDIDATE + "' WHERE t.ASSIGNEE_ IS NULL");
        LOG.info("inbox entries rebuilt from the engine's tables: {} rows", rows);
        return rows;
    }
}
