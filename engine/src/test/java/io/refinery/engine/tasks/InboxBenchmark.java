package io.refinery.engine.tasks;

import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.labeling.PackageWork;
import io.refinery.engine.tasks.TaskView;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inbox with 100,000 open label tasks across 200 users and 10 groups (plus a review and an approval task per
 * build), on an H2 file: inbox page p50/p95/p99 for random users with random filters and sorts (goal p95 ≤ 100 ms),
 * and "submit an annotation + load the package again" (goal p95 ≤ 50 ms). Runs with {@code -Pbench}, prints a table
 * and writes {@code target/bench-inbox.md}. {@code -Dbench.tasks=20000} for a quicker run.
 */
class InboxBenchmark {
    static final int USERS = 200;
    static final int GROUPS = 10;
    static final int PACKAGES_PER_BUILD = 250;
    static final int OVERLAP = 2;
    static final int QUERIES = 1000;
    static final int ROUND_TRIPS = 300;
    private final Random random = new Random(42);
    private final HttpClient http = HttpClient.newHttpClient();

    String database() {
        return "H2 file";
    }

    Map<String, String> databaseProperties() throws IOException {
        Path dir = Path.of("target", "bench-inbox-h2");
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Map.of("spring.datasource.url", "jdbc:h2:file:" + dir.toAbsolutePath() + "/refinery;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void inbox() throws Exception {
        int tasks = Integer.getInteger("bench.tasks", 100_000);
        int builds = Math.max(GROUPS, tasks / (PACKAGES_PER_BUILD * OVERLAP));
        Map<String, Object> props = new HashMap<>(databaseProperties());
        props.put("server.port", "0");
        props.put("refinery.data-dir", "target/bench-inbox-data");
        props.put("camunda.bpm.job-execution.enabled", "false");
        props.put("camunda.bpm.history-level", "none"); // the inbox reads runtime tables only; speeds up the set-up
        props.put("logging.level.root", "warn");
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(HeadlessEngine.class).run(args)) {
            run(app, builds);
        }
    }

    private void run(ConfigurableApplicationContext app, int builds) throws Exception {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        InboxFixture fixture = new InboxFixture(app.getBean(RepositoryService.class), app.getBean(RuntimeService.class), jdbc);
        fixture.deploy();
        List<CurrentUser> users = people(app.getBean(IdentityService.class));
        long started = System.nanoTime();
        Instant now = Instant.now();
        List<InboxFixture.Build> made = new ArrayList<>();
        for (int b = 0; b < builds; b++) {
            Instant due = now.plus(Duration.ofHours(random.nextInt(240) - 72));
            int round = b % 4 == 3 ? 2 : 1;
            made.add(fixture.build("bench-" + String.format("%03d", b), group(b % GROUPS), PACKAGES_PER_BUILD, OVERLAP,
                    round, b < GROUPS ? 5 : 0, due, random.nextInt(101)));
            if (b % 20 == 19) {
                System.out.printf("  %d builds, %d tasks, %.0f s%n", b + 1, count(jdbc), (System.nanoTime() - started) / 1e9);
            }
        }
        assignSome(jdbc, app.getBean(TaskService.class), made, users);
        double setUp = (System.nanoTime() - started) / 1e9;
        long open = count(jdbc);
        Inbox inbox = app.getBean(Inbox.class);
        int port = app.getBean(Environment.class).getProperty("local.server.port", Integer.class);

        for (int i = 0; i < 200; i++) { // warm-up
            inbox.page(pick(users), randomQuery());
        }
        double[] service = new double[QUERIES];
        long[] totals = new long[QUERIES];
        InboxQuery[] asked = new InboxQuery[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            CurrentUser user = pick(users);
            asked[i] = randomQuery();
            long t0 = System.nanoTime();
            totals[i] = inbox.page(user, asked[i]).total();
            service[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.stream.IntStream.range(0, QUERIES).boxed().sorted((a, b) -> Double.compare(service[b], service[a]))
                .limit(5).forEach(i -> System.out.printf("  slowest: %.1f ms, %d matching, %s%n", service[i], totals[i], asked[i]));
        double[] overHttp = new double[QUERIES / 2];
        for (int i = 0; i < overHttp.length; i++) {
            CurrentUser user = pick(users);
            String query = httpQuery(randomQuery());
            long t0 = System.nanoTime();
            HttpResponse<String> r = get(port, "/api/inbox?" + query, user.id());
            overHttp[i] = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
        }
        double[] roundTrip = roundTrips(app, users);
        report(builds, open, setUp, service, overHttp, roundTrip, Arrays.stream(totals).average().orElse(0));
    }

    // ---- data --------------------------------------------------------------------------------------------

    static String group(int g) {
        return "benchteam" + g;
    }

    /** 200 users; user i is in group i % 10, every fifth also in the next group. Password = user id. */
    private static List<CurrentUser> people(IdentityService identity) {
        for (int g = 0; g < GROUPS; g++) {
            Group group = identity.newGroup(group(g));
            group.setName(group(g));
            identity.saveGroup(group);
        }
        List<CurrentUser> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String id = String.format("benchu%03d", i);
            User user = identity.newUser(id);
            user.setPassword(id);
            user.setFirstName("Bench");
            user.setLastName(id);
            identity.saveUser(user);
            identity.createMembership(id, "annotators");
            List<String> groups = new ArrayList<>(List.of(group(i % GROUPS)));
            if (i % 5 == 0) {
                groups.add(group((i + 1) % GROUPS));
            }
            groups.forEach(g -> identity.createMembership(id, g));
            List<String> all = new ArrayList<>(groups);
            all.add("annotators");
            users.add(new CurrentUser(id, all, List.of(Roles.ANNOTATOR)));
        }
        return users;
    }

    /**
     * Every tenth label task is claimed by a member of its group (through the engine, so its inbox entries follow),
     * its package slot bound to that person; every slot knows its task, as after claims in the real flow.
     */
    private static void assignSome(JdbcTemplate jdbc, TaskService taskService, List<InboxFixture.Build> builds,
                                   List<CurrentUser> users) {
        for (int b = 0; b < builds.size(); b++) {
            String group = group(b % GROUPS);
            List<CurrentUser> members = users.stream().filter(u -> u.groups().get(0).equals(group)).toList();
            List<Object[]> tasks = new ArrayList<>();
            List<Object[]> slots = new ArrayList<>();
            var build = builds.get(b);
            jdbc.query("SELECT vi.TASK_ID_, vi.LONG_ FROM ACT_RU_VARIABLE vi JOIN ACT_RU_TASK t ON t.ID_ = vi.TASK_ID_"
                    + " WHERE t.PROC_INST_ID_ = ? AND vi.NAME_ = 'assignmentIndex'", rs -> {
                        long idx = rs.getLong(2);
                        slots.add(new Object[] {null, rs.getString(1), build.versionId(), idx});
                        if (idx % 10 == 0) {
                            String user = members.get((int) (idx / 10) % members.size()).id();
                            tasks.add(new Object[] {user, rs.getString(1)});
                            slots.add(new Object[] {user, rs.getString(1), build.versionId(), idx});
                        }
                    }, build.processInstanceId());
            tasks.forEach(t -> taskService.setAssignee((String) t[1], (String) t[0])); // through the engine: entries follow
            jdbc.batchUpdate("UPDATE label_assignment SET annotator = COALESCE(?, annotator), task_id = ? WHERE version_id = ?"
                    + " AND idx = ?", slots);
        }
    }

    private static long count(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK", Long.class);
    }

    // ---- queries -----------------------------------------------------------------------------------------

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private InboxQuery randomQuery() {
        Instant now = Instant.now();
        String dataset = random.nextInt(4) == 0 ? "bench-0" + random.nextInt(10) : null;
        String kind = random.nextInt(4) == 0 ? (random.nextBoolean() ? "label" : "rework") : null;
        Instant dueBefore = random.nextInt(5) == 0 ? now.plus(Duration.ofHours(random.nextInt(100))) : null;
        Instant dueAfter = random.nextInt(5) == 0 ? now.minus(Duration.ofHours(random.nextInt(100))) : null;
        Integer priorityMin = random.nextInt(5) == 0 ? random.nextInt(80) : null;
        InboxQuery.Sort sort = InboxQuery.Sort.values()[random.nextInt(4)];
        int offset = random.nextInt(4) == 0 ? 50 * random.nextInt(20) : 0;
        return new InboxQuery(InboxQuery.Scope.MINE, null, dataset, kind, dueBefore, dueAfter, priorityMin, null, sort,
                random.nextBoolean(), offset, 50);
    }

    private static String httpQuery(InboxQuery q) {
        StringBuilder s = new StringBuilder("sort=" + q.sort().name().toLowerCase() + "&dir=" + (q.descending() ? "desc" : "asc")
                + "&offset=" + q.offset() + "&limit=" + q.limit());
        if (q.dataset() != null) {
            s.append("&dataset=").append(q.dataset());
        }
        if (q.kind() != null) {
            s.append("&kind=").append(q.kind());
        }
        if (q.dueBefore() != null) {
            s.append("&dueBefore=").append(URLEncoder.encode(q.dueBefore().toString(), StandardCharsets.UTF_8));
        }
        if (q.dueAfter() != null) {
            s.append("&dueAfter=").append(URLEncoder.encode(q.dueAfter().toString(), StandardCharsets.UTF_8));
        }
        if (q.priorityMin() != null) {
            s.append("&priorityMin=").append(q.priorityMin());
        }
        return s.toString();
    }

    private HttpResponse<String> get(int port, String path, String user) throws Exception {
        return send(port, "GET", path, user, null);
    }

    private HttpResponse<String> send(int port, String method, String path, String user, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Members of the groups whose builds have items open a label task of theirs (claiming it), then repeatedly save
     * an answer and load their package again, as the labelling page does after each item.
     */
    private double[] roundTrips(ConfigurableApplicationContext app, List<CurrentUser> users) {
        PackageWork labeling = app.getBean(PackageWork.class);
        Inbox inbox = app.getBean(Inbox.class);
        List<String> labels = List.of("positive", "negative", "neutral");
        double[] times = new double[ROUND_TRIPS];
        int done = 0;
        for (CurrentUser user : users) {
            if (done == ROUND_TRIPS) {
                break;
            }
            var q = new InboxQuery(InboxQuery.Scope.MINE, null, "bench-00" + user.groups().get(0).substring(9), "label",
                    null, null, null, null, InboxQuery.Sort.CREATED, false, 0, 20);
            TaskView task = inbox.page(user, q).tasks().stream().filter(t -> t.packageId() != null).findFirst().orElse(null);
            if (task == null) {
                continue;
            }
            authenticate(user);
            var pkg = labeling.openPackage(task.id(), user);
            for (int i = 0; i < 10 && done < ROUND_TRIPS; i++, done++) {
                var item = pkg.items().get(i % pkg.items().size());
                long t0 = System.nanoTime();
                labeling.annotate(task.id(), item.itemId(), labels.get(random.nextInt(3)), user);
                pkg = labeling.openPackage(task.id(), user);
                times[done] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return Arrays.copyOf(times, done);
    }

    private static void authenticate(CurrentUser user) {
        var auth = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(user.id(), null,
                user.roles().stream().map(r -> new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_" + r)).toList());
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(auth);
    }

    // ---- report ------------------------------------------------------------------------------------------

    private void report(int builds, long open, double setUp, double[] service, double[] overHttp, double[] roundTrip,
                        double avgTotal) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Inbox benchmark — ").append(database()).append("\n\n")
                .append(String.format("%,d open tasks (%d builds × %d label tasks + a review and an approval each), %d users,"
                        + " %d groups; every 10th label task claimed. Set-up %.0f s. Random user, filters, sort, page of 50"
                        + " (average matching total %.0f).%n%n", open, builds, PACKAGES_PER_BUILD * OVERLAP, USERS, GROUPS,
                        setUp, avgTotal))
                .append("| measurement | n | p50 ms | p95 ms | p99 ms | max ms | goal |\n|---|---|---|---|---|---|---|\n")
                .append(row("inbox page (service, 3 queries)", service, "p95 ≤ 100 ms"))
                .append(row("inbox page over HTTP (auth + JSON)", overHttp, "p95 ≤ 100 ms"))
                .append(row("save annotation + reload package (service)", roundTrip, "p95 ≤ 50 ms"));
        System.out.println();
        System.out.println(md);
        Path out = Path.of("target", "bench-inbox" + (database().startsWith("H2") ? "" : "-postgres") + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
    }

    private static String row(String name, double[] ms, String goal) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f | %s |%n", name, s.length, pct(s, 50), pct(s, 95),
                pct(s, 99), s[s.length - 1], goal);
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
