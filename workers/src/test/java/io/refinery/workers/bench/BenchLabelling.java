package io.refinery.workers.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The annotators of a benchmark run, at a million items: ann1 and then ann2 claim every label task their inbox offers
 * them (the inbox hides a package's other slot from whoever holds one), and complete them, through the API; the
 * answers in between are written
 * in bulk straight into the platform's database (a million answers typed in through the package page would take
 * the bench hours, and typing speed is not what is measured). Both slots give the same answer, so the expert has
 * nothing to settle and QC passes; the answer is a function of the item id, so the class counts are known.
 */
final class BenchLabelling {
    /** A claimed label task of round 1 and who holds it. */
    record LabelTask(String taskId, String annotator) {
    }

    static final List<String> ANNOTATORS = List.of("ann1", "ann2");

    private final String engineUrl;
    private final String jdbcUrl;
    private final String dbUser;
    private final List<String> labelSet;

    BenchLabelling(String engineUrl, String jdbcUrl, String dbUser, List<String> labelSet) {
        this.engineUrl = engineUrl;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.labelSet = labelSet;
    }

    /** The claimed label tasks of round 1 with their annotators, as the claims bound them. */
    List<LabelTask> claimed(long versionId) throws SQLException {
        List<LabelTask> tasks = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT task_id, annotator FROM"
                + " label_assignment WHERE version_id = ? AND round = 1 AND annotator IS NOT NULL ORDER BY idx")) {
            s.setLong(1, versionId);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    tasks.add(new LabelTask(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return tasks;
    }

    /**
     * Each annotator in turn takes every open label task of the run that the inbox offers (read page by page, then
     * claimed {@code threads} at a time), until the inbox offers none it can take; returns the tasks claimed.
     */
    long claimAll(String processInstanceId, int threads) throws Exception {
        long claimed = 0;
        for (String user : ANNOTATORS) {
            EngineApi api = new EngineApi(engineUrl, user, user);
            while (true) {
                List<LabelTask> offered = new ArrayList<>();
                for (int offset = 0; ; offset += 500) {
                    JsonNode page = api.get("/api/inbox?scope=mine&kind=label&limit=500&offset=" + offset).path("tasks");
                    if (page.isEmpty()) {
                        break;
                    }
                    for (JsonNode task : page) {
                        if (processInstanceId.equals(task.path("processInstanceId").asText())
                                && (task.path("assignee").isNull() || task.path("assignee").isMissingNode())) {
                            offered.add(new LabelTask(task.path("id").asText(), user));
                        }
                    }
                }
                long taken = eachTask(offered, threads, (a, t) -> {
                    try {
                        a.postJson("/api/tasks/" + t.taskId() + "/claim", Map.of());
                        return true;
                    } catch (EngineApi.ApiError e) {
                        if (e.status() == 409) {
                            return false; // this package's other slot is the user's already
                        }
                        throw e;
                    }
                });
                claimed += taken;
                if (taken == 0) {
                    break;
                }
            }
        }
        return claimed;
    }

    long completeAll(List<LabelTask> tasks, int threads) throws Exception {
        return eachTask(tasks, threads, (api, t) -> {
            api.postJson("/api/tasks/" + t.taskId() + "/complete", Map.of());
            return true;
        });
    }

    /**
     * One answer per item and slot of every claimed package of round 1, as the package page would store it
     * ({@code label} and {@code {"label": ..}}), a thousand assignments per statement and transaction.
     */
    long writeAnswers(long versionId) throws SQLException {
        StringBuilder label = new StringBuilder("CASE MOD(i.id, ").append(labelSet.size()).append(')');
        for (int n = 0; n < labelSet.size(); n++) {
            label.append(" WHEN ").append(n).append(" THEN '").append(labelSet.get(n)).append('\'');
        }
        label.append(" END");
        String sql = "INSERT INTO annotation (item_id, version_id, round, slot, annotator, label, value_json, updated_at)"
                + " SELECT i.id, i.version_id, 1, a.slot, a.annotator, " + label + ", '{\"label\":\"' || " + label
                + " || '\"}', CURRENT_TIMESTAMP FROM label_assignment a JOIN work_package p ON p.id = a.package_id"
                + " JOIN item i ON i.version_id = p.version_id AND i.id BETWEEN p.first_item_id AND p.last_item_id"
                + " WHERE a.version_id = ? AND a.round = 1 AND a.annotator IS NOT NULL AND a.idx >= ? AND a.idx < ?";
        long written = 0;
        try (Connection c = connect()) {
            int last;
            try (var s = c.prepareStatement("SELECT MAX(idx) FROM label_assignment WHERE version_id = ? AND round = 1")) {
                s.setLong(1, versionId);
                try (var rs = s.executeQuery()) {
                    rs.next();
                    last = rs.getInt(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int from = 0; from <= last; from += 1000) {
                    s.setLong(1, versionId);
                    s.setInt(2, from);
                    s.setInt(3, from + 1000);
                    written += s.executeUpdate();
                }
            }
        }
        return written;
    }

    private interface Call {
        boolean on(EngineApi api, LabelTask task) throws Exception;
    }

    /** Calls {@code call} for every task as its annotator, {@code threads} at a time; the number that returned true. */
    private long eachTask(List<LabelTask> tasks, int threads, Call call) throws Exception {
        Map<String, EngineApi> annotators = new java.util.HashMap<>();
        ANNOTATORS.forEach(user -> annotators.put(user, new EngineApi(engineUrl, user, user)));
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    for (long n = next.getAndIncrement(); n < tasks.size(); n = next.getAndIncrement()) {
                        LabelTask task = tasks.get((int) n);
                        if (call.on(annotators.get(task.annotator()), task)) {
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return done.get();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, "");
    }
}
