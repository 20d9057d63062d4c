package io.refinery.engine.labeling.inbox;

import io.refinery.workflows.Processes.Steps;
import io.refinery.workflows.Vars;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The inbox as SQL over Camunda's runtime tables and ours, portable between H2 and PostgreSQL. Counting and choosing
 * a page read task columns only (every filter is a task column or an indexed sub-query); then the page's rows join
 * its process definition, the variables it shows (dataset name and version on the process instance, round on the
 * task's execution or the process instance, the assignment index on the task) and its label assignment. Uses only
 * indexes Camunda has (ACT_RU_VARIABLE by execution, process instance and task; identity links by group, user and
 * task; tasks by assignee) and ours from V1/V3.
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

    private static final String TASK_COLUMNS = "t.ID_, t.ASSIGNEE_, t.DUE_DATE_, t.CREATE_TIME_, t.PRIORITY_, t.NAME_";

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

    static final String COUNTS = "SELECT COUNT(*),"
            + " COUNT(CASE WHEN t.ASSIGNEE_ = :user THEN 1 END),"
            + " COUNT(CASE WHEN t.ASSIGNEE_ IS NULL THEN 1 END),"
            + " COUNT(CASE WHEN t.DUE_DATE_ < :now THEN 1 END),"
            + " COUNT(CASE WHEN t.DUE_DATE_ >= :now AND t.DUE_DATE_ < :soon THEN 1 END)";

    private InboxSql() {
    }

    /**
     * The tasks a query is about, as a derived table {@code t}. For the user's own inbox it is a UNION of three
     * parts that each start from their own index: tasks by assignee, candidate links by group, candidate links by user
     * (the last two unclaimed only, without the hidden slots). Every filter is a task column, a literal list resolved
     * beforehand, or one correlated lookup (rework): no sub-query is evaluated per row.
     */
    static String source(InboxQuery q, Resolved r, String user, List<String> groups, MapSqlParameterSource params) {
        String filters = filters(q, r, params);
        params.addValue("user", user);
        if (q.scope() == InboxQuery.Scope.TEAM) {
            return " FROM (SELECT " + TASK_COLUMNS + " FROM ACT_RU_TASK t WHERE t.SUSPENSION_STATE_ = 1" + filters + ") t";
        }
        // an empty IN () is not SQL; a group id nobody has keeps the statement valid
        params.addValue("groups", groups.isEmpty() ? List.of("\u0000") : groups);
        String unclaimed = " AND t.ASSIGNEE_ IS NULL AND t.SUSPENSION_STATE_ = 1" + filters;
        if (!r.hidden().isEmpty()) {
            unclaimed += " AND t.ID_ NOT IN (:hidden)";
            params.addValue("hidden", r.hidden());
        }
        return " FROM (SELECT " + TASK_COLUMNS + " FROM ACT_RU_TASK t WHERE t.ASSIGNEE_ = :user AND t.SUSPENSION_STATE_ = 1"
                + filters
                + " UNION SELECT " + TASK_COLUMNS + " FROM ACT_RU_IDENTITYLINK l JOIN ACT_RU_TASK t ON t.ID_ = l.TASK_ID_"
                + " WHERE l.GROUP_ID_ IN (:groups) AND l.TYPE_ = 'candidate'" + unclaimed
                + " UNION SELECT " + TASK_COLUMNS + " FROM ACT_RU_IDENTITYLINK l JOIN ACT_RU_TASK t ON t.ID_ = l.TASK_ID_"
                + " WHERE l.USER_ID_ = :user AND l.TYPE_ = 'candidate'" + unclaimed + ") t";
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
            sql.append(" AND t.PROC_DEF_ID_ IN (:definitions)");
            params.addValue("definitions", r.definitions().isEmpty() ? List.of("\u0000") : r.definitions());
        }
        if (r.processInstances() != null) {
            sql.append(" AND t.PROC_INST_ID_ IN (:instances)");
            params.addValue("instances", r.processInstances().isEmpty() ? List.of("\u0000") : r.processInstances());
        }
        if (q.kind() != null) {
            sql.append(switch (q.kind()) {
                case "label" -> " AND t.TASK_DEF_KEY_ = '" + Steps.LABEL + "'";
                case "rework" -> " AND t.TASK_DEF_KEY_ = '" + Steps.LABEL + "' AND EXISTS (SELECT 1 FROM ACT_RU_VARIABLE r"
                        + " WHERE r.EXECUTION_ID_ = t.EXECUTION_ID_ AND r.NAME_ = '" + Vars.ROUND
                        + "' AND r.LONG_ > 1)";
                case "review" -> " AND t.TASK_DEF_KEY_ = '" + Steps.EXPERT_REVIEW + "'";
                case "approval" -> " AND t.TASK_DEF_KEY_ = '" + Steps.DEMAND_APPROVAL + "'";
                case "escalation" -> " AND t.TASK_DEF_KEY_ = '" + Steps.LABEL_ESCALATION + "'";
                case "decision" -> " AND t.TASK_DEF_KEY_ = '" + Steps.QC_FAILED_DECISION + "'";
                default -> throw new IllegalArgumentException(q.kind());
            });
        }
        if (q.dueBefore() != null) {
            sql.append(" AND t.DUE_DATE_ < :dueBefore");
            params.addValue("dueBefore", Timestamp.from(q.dueBefore()));
        }
        if (q.dueAfter() != null) {
            sql.append(" AND t.DUE_DATE_ >= :dueAfter");
            params.addValue("dueAfter", Timestamp.from(q.dueAfter()));
        }
        if (q.priorityMin() != null) {
            sql.append(" AND t.PRIORITY_ >= :priorityMin");
            params.addValue("priorityMin", q.priorityMin());
        }
        if (q.priorityMax() != null) {
            sql.append(" AND t.PRIORITY_ <= :priorityMax");
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
            case CREATED -> "t.CREATE_TIME_" + dir;
            case DUE -> "t.DUE_DATE_" + dir + " NULLS LAST";
            case PRIORITY -> "t.PRIORITY_" + dir;
            case NAME -> "t.NAME_" + dir;
        };
        return " ORDER BY " + column + ", t.CREATE_TIME_ ASC, t.ID_ ASC";
    }
}
