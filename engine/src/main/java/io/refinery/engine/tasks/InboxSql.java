package io.refinery.engine.tasks;

import io.refinery.workflows.Processes.Steps;
import io.refinery.workflows.Vars;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The inbox as SQL, portable between H2 and PostgreSQL. Counting and choosing a page read {@code inbox_entry} only
 * (one row per open task and audience, kept by {@link InboxEntries}; every filter is one of its columns); then the
 * page's rows (at most a page) join Camunda's task with the variables they show (dataset name and version on the
 * process instance, round on the task's execution or the process instance, the assignment index on the task) and
 * their label assignment.
 */
final class InboxSql {
    private static final String ROUND = "COALESCE(vrl.LONG_, vrp.LONG_)";

    /** Tasks with the variables and the label assignment a row shows. */
    static final String DETAILS_FROM = " FROM ACT_RU_TASK t"
            + " LEFT JOIN ACT_RU_VARIABLE vv ON vv.EXECUTION_ID_ = t.PROC_INST_ID_ AND vv.NAME_ = '"
            + Vars.VERSION_ID + "'"
            + " LEFT JOIN ACT_RU_VARIABLE vn ON vn.EXECUTION_ID_ = t.PROC_INST_ID_ AND vn.NAME_ = '"
            + Vars.NAME + "'"
            + " LEFT JOIN ACT_RU_VARIABLE vrl ON vrl.EXECUTION_ID_ = t.EXECUTION_ID_ AND vrl.NAME_ = '"
            + Vars.ROUND + "'"
            + " LEFT JOIN ACT_RU_VARIABLE vrp ON vrp.EXECUTION_ID_ = t.PROC_INST_ID_ AND vrp.NAME_ = '"
            + Vars.ROUND + "'"
            + " LEFT JOIN ACT_RU_VARIABLE vi ON vi.TASK_ID_ = t.ID_ AND vi.NAME_ = '" + Vars.ASSIGNMENT_INDEX + "'"
            + " LEFT JOIN label_assignment la ON t.TASK_DEF_KEY_ = '" + Steps.LABEL + "' AND la.version_id = vv.LONG_"
            + " AND la.round = " + ROUND + " AND la.idx = vi.LONG_";

    /**
     * Unclaimed label tasks of packages the user already labels in another slot: the other label of a package must
     * come from another person. Small: one row per other slot of the user's packages.
     */
    static final String HIDDEN = "SELECT la.task_id FROM label_assignment mine JOIN label_assignment la"
            + " ON la.package_id = mine.package_id AND la.round = mine.round AND la.slot <> mine.slot"
            + " WHERE mine.annotator = :user AND la.annotator IS NULL AND la.task_id IS NOT NULL";

    /** The page's rows with what they show, for the ids the page query chose. */
    static final String DETAILS_COLUMNS = "SELECT t.ID_, t.NAME_, t.TASK_DEF_KEY_, t.PROC_INST_ID_, vv.LONG_ AS version_id,"
            + " vn.TEXT_ AS dataset, " + ROUND + " AS round, la.package_id, la.slot, t.ASSIGNEE_, t.CREATE_TIME_,"
            + " t.DUE_DATE_, t.PRIORITY_";

    static final String DETAILS_WHERE = " WHERE t.ID_ IN (:ids)";

    /**
     * The totals of a selection: all, mine, unclaimed, overdue, due soon, and the number of surplus entries (tasks
     * the user reaches through two audiences). Only entries of tasks with several audiences ({@code fanout > 1}, rare)
     * go through DISTINCT; the rest are counted as they are.
     */
    static String counts(boolean distinct) {
        if (!distinct) {
            return "SELECT COUNT(*), COUNT(CASE WHEN e.assignee = :user THEN 1 END), COUNT(CASE WHEN e.assignee IS NULL"
                    + " THEN 1 END), COUNT(CASE WHEN e.due < :now THEN 1 END), COUNT(CASE WHEN e.due >= :now"
                    + " AND e.due < :soon THEN 1 END), 0";
        }
        String each = "COUNT(CASE WHEN e.fanout = 1 AND %1$s THEN 1 END)"
                + " + COUNT(DISTINCT CASE WHEN e.fanout > 1 AND %1$s THEN e.task_id END)";
        return "SELECT " + String.format(each, "1 = 1")
                + ", " + String.format(each, "e.assignee = :user")
                + ", " + String.format(each, "e.assignee IS NULL")
                + ", " + String.format(each, "e.due < :now")
                + ", " + String.format(each, "(e.due >= :now AND e.due < :soon)")
                + ", COUNT(CASE WHEN e.fanout > 1 THEN 1 END) - COUNT(DISTINCT CASE WHEN e.fanout > 1 THEN e.task_id END)";
    }

    /**
     * The task ids of one page, in the query's order (the sort columns are selected too: DISTINCT needs them);
     * {@code distinct} only when the counts found surplus entries.
     */
    static String page(InboxQuery q, Selection selection, boolean distinct) {
        return "SELECT " + (distinct ? "DISTINCT " : "") + "e.task_id, e.priority, e.due, e.name, e.created"
                + selection.from() + orderBy(q) + " OFFSET " + q.offset() + " ROWS FETCH NEXT " + q.limit() + " ROWS ONLY";
    }

    private InboxSql() {
    }

    /** FROM and WHERE over the entries; {@code distinct} when one task may have several matching entries. */
    record Selection(String from, boolean distinct) {
    }

    /**
     * The entries a query is about: the team view is the everyone audience, the user's own inbox the user's audience
     * (tasks assigned to the user, unclaimed tasks offered to the user) and the user's groups' (unclaimed tasks offered
     * to them), without the hidden slots. Every filter is an entry column or a literal list resolved beforehand: no
     * join, no sub-query per row.
     */
    static Selection source(InboxQuery q, Resolved r, String user, List<String> groups, MapSqlParameterSource params) {
        String filters = filters(q, r, params);
        params.addValue("user", user);
        if (q.scope() == InboxQuery.Scope.TEAM) {
            return new Selection(" FROM inbox_entry e WHERE e.audience = '" + InboxEntries.EVERYONE + "'" + filters, false);
        }
        List<String> audiences = new java.util.ArrayList<>();
        audiences.add(InboxEntries.user(user));
        groups.forEach(g -> audiences.add(InboxEntries.group(g)));
        params.addValue("audiences", audiences);
        if (!r.hidden().isEmpty()) {
            filters += " AND (e.assignee IS NOT NULL OR e.task_id NOT IN (:hidden))";
            params.addValue("hidden", r.hidden());
        }
        return new Selection(" FROM inbox_entry e WHERE e.audience IN (:audiences)" + filters, audiences.size() > 1);
    }

    /** Lists looked up before the main queries: hidden label slots, process instances of the dataset, definitions. */
    record Resolved(List<String> hidden, List<String> processInstances, List<String> definitions) {
    }

    static final String PROCESS_INSTANCES_OF_DATASET = "SELECT dv.process_instance_id FROM dataset_version dv"
            + " JOIN dataset d ON d.id = dv.dataset_id WHERE LOWER(d.name) LIKE :dataset ESCAPE '\\'"
            + " AND dv.process_instance_id IS NOT NULL";

    static final String DEFINITIONS_OF_KEY = "SELECT ID_ FROM ACT_RE_PROCDEF WHERE KEY_ = :process";

    static String likePattern(String dataset) {
        return "%" + dataset.toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String filters(InboxQuery q, Resolved r, MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder();
        if (r.definitions() != null) {
            sql.append(" AND e.definition_id IN (:definitions)");
            params.addValue("definitions", r.definitions().isEmpty() ? List.of("\u0000") : r.definitions());
        }
        if (r.processInstances() != null) {
            sql.append(" AND e.process_instance IN (:instances)");
            params.addValue("instances", r.processInstances().isEmpty() ? List.of("\u0000") : r.processInstances());
        }
        if (q.kind() != null) {
            TaskKind kind = TaskKind.byId(q.kind()).orElseThrow(() -> new IllegalArgumentException(q.kind()));
            sql.append(" AND e.task_key = :kindKey");
            params.addValue("kindKey", kind.taskKey());
        }
        if (q.dueBefore() != null) {
            sql.append(" AND e.due < :dueBefore");
            params.addValue("dueBefore", Timestamp.from(q.dueBefore()));
        }
        if (q.dueAfter() != null) {
            sql.append(" AND e.due >= :dueAfter");
            params.addValue("dueAfter", Timestamp.from(q.dueAfter()));
        }
        if (q.priorityMin() != null) {
            sql.append(" AND e.priority >= :priorityMin");
            params.addValue("priorityMin", q.priorityMin());
        }
        if (q.priorityMax() != null) {
            sql.append(" AND e.priority <= :priorityMax");
            params.addValue("priorityMax", q.priorityMax());
        }
        return sql.toString();
    }

    static void times(Instant now, MapSqlParameterSource params) {
        params.addValue("now", Timestamp.from(now));
        params.addValue("soon", Timestamp.from(now.plus(Inbox.DUE_SOON)));
    }

    /** ORDER BY the chosen column, then oldest first, then id: a stable order for offset paging. */
    static String orderBy(InboxQuery q) {
        String dir = q.descending() ? " DESC" : " ASC";
        String column = switch (q.sort()) {
            case CREATED -> "e.created" + dir;
            case DUE -> "e.due" + dir + " NULLS LAST";
            case PRIORITY -> "e.priority" + dir;
            case NAME -> "e.name" + dir;
        };
        return " ORDER BY " + column + ", e.created ASC, e.task_id ASC";
    }
}
