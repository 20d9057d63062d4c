package io.refinery.engine.tasks;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox in at most seven queries whatever the page size: small look-ups first (the label slots hidden from the
 * user; for a dataset filter its process instances; for a process filter its definitions), then counts with the total
 * and the page's task ids over the inbox entries only ({@link InboxEntries}), then the page's rows with their
 * variables and work packages joined in, and their candidate groups.
 */
@Service
public class Inbox {
    public static final Duration DUE_SOON = Duration.ofHours(24);

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public Inbox(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    @Transactional(readOnly = true)
    public InboxPage page(CurrentUser user, InboxQuery query) {
        if (query.scope() == InboxQuery.Scope.TEAM && !isManager(user)) {
            throw ApiException.forbidden("only managers and admins may see the whole team's tasks");
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        InboxSql.Selection selection = InboxSql.source(query, resolve(query, user), user.id(), user.groups(), params);
        InboxSql.times(clock.instant(), params);
        InboxPage.Counts[] counts = new InboxPage.Counts[1];
        long[] surplus = new long[1];
        long total = jdbc.query(InboxSql.counts(selection.distinct()) + selection.from(), params, rs -> {
            rs.next();
            counts[0] = new InboxPage.Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            surplus[0] = rs.getLong(6);
            return rs.getLong(1);
        });
        List<String> ids = total <= query.offset() ? List.of()
                : jdbc.query(InboxSql.page(query, selection, surplus[0] > 0), params, (rs, i) -> rs.getString(1));
        List<Row> rows = details(ids);
        Map<String, List<String>> groups = candidateGroups(ids);
        List<TaskView> tasks = new ArrayList<>(rows.size());
        for (Row r : rows) {
            tasks.add(new TaskView(r.id, r.name, TaskKind.of(r.definitionKey).id(), r.definitionKey,
                    r.processInstanceId, r.versionId, r.dataset, r.round, r.packageId, r.slot, r.assignee,
                    groups.getOrDefault(r.id, List.of()), r.created, r.due, r.priority));
        }
        return new InboxPage(tasks, total, query.offset(), counts[0]);
    }

    /** Small lists the main queries take as literals: hidden label slots, the dataset's processes, definitions. */
    private InboxSql.Resolved resolve(InboxQuery query, CurrentUser user) {
        List<String> hidden = query.scope() == InboxQuery.Scope.MINE
                ? jdbc.queryForList(InboxSql.HIDDEN, new MapSqlParameterSource("user", user.id()), String.class)
                : List.of();
        List<String> instances = query.dataset() == null ? null : jdbc.queryForList(InboxSql.PROCESS_INSTANCES_OF_DATASET,
                new MapSqlParameterSource("dataset", InboxSql.likePattern(query.dataset())), String.class);
        List<String> definitions = query.processDefinitionKey() == null ? null : jdbc.queryForList(
                InboxSql.DEFINITIONS_OF_KEY, new MapSqlParameterSource("process", query.processDefinitionKey()), String.class);
        return new InboxSql.Resolved(hidden, instances, definitions);
    }

    /** The rows of the page's tasks, in the page's order. */
    private List<Row> details(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Row> byId = new HashMap<>();
        jdbc.query(InboxSql.DETAILS_COLUMNS + InboxSql.DETAILS_FROM + InboxSql.DETAILS_WHERE,
                new MapSqlParameterSource("ids", ids), Inbox::row).forEach(r -> byId.put(r.id(), r));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    static boolean isManager(CurrentUser user) {
        return user.hasRole(Roles.MANAGER) || user.hasRole(Roles.ADMIN);
    }

    private Map<String, List<String>> candidateGroups(List<String> taskIds) {
        Map<String, List<String>> groups = new HashMap<>();
        if (taskIds.isEmpty()) {
            return groups;
        }
        jdbc.query("SELECT TASK_ID_, GROUP_ID_ FROM ACT_RU_IDENTITYLINK WHERE TASK_ID_ IN (:ids) AND TYPE_ = 'candidate'"
                + " AND GROUP_ID_ IS NOT NULL ORDER BY GROUP_ID_", new MapSqlParameterSource("ids", taskIds), rs -> {
                    groups.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return groups;
    }

    private record Row(String id, String name, String definitionKey, String processInstanceId, Long versionId,
                       String dataset, Integer round, Long packageId, Integer slot, String assignee,
                       java.util.Date created, java.util.Date due, int priority) {
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), longOrNull(rs, 5),
                rs.getString(6), intOrNull(rs, 7), longOrNull(rs, 8), intOrNull(rs, 9), rs.getString(10),
                date(rs.getTimestamp(11)), date(rs.getTimestamp(12)), rs.getInt(13));
    }

    private static java.util.Date date(java.sql.Timestamp ts) {
        return ts == null ? null : new java.util.Date(ts.getTime());
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
