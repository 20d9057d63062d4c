package io.refinery.workers.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A million-row demand the way a user files it (run with {@code ./refinery bench million}, not part of the normal
 * test run): the platform (the jar {@code bench.platformJar} names, as {@code ./refinery bench million} passes the
 * designer's; else the engine alone from this classpath) and two worker processes, each
 * a JVM of its own started as {@code ./refinery up} starts them; a manager files the demand through the API, uploads
 * the 1M-row JSONL set, approves it; then the bench watches, through the API only, collect, process, pre-label and
 * plan-round complete, and the label tasks reach the inbox (the first one and all of them); then every task is
 * labelled ({@link BenchLabelling}: answers in bulk), the expert completes the review, and QC and release run. Peak resident memory of
 * every process is read from {@code /proc/<pid>/status} (VmHWM). Once on H2 (a file) and once on PostgreSQL
 * ({@code bench.dbs=h2,postgres}); figures in {@code target/bench-million-api.md}. Rows: {@code bench.apiRows}.
 */
class MillionThroughApiBenchmark {
    static final int ROWS = Integer.getInteger("bench.apiRows", 1_000_000);
    static final List<String> DBS = List.of(System.getProperty("bench.dbs", "h2,postgres").split(","));
    static final String PLATFORM_HEAP = System.getProperty("bench.platformHeap", "1g");
    static final String WORKER_HEAP = System.getProperty("bench.workerHeap", "512m");
    static final long TIMEOUT_MS = Long.getLong("bench.timeoutMs", 20 * 60_000L);
    /** A folder: each JVM records a flight recording there ({@code <name>.jfr}, profile settings) to find hot frames. */
    static final String JFR = System.getProperty("bench.jfr", "");
    /** Extra JVM options of the platform, space-separated (to try a setting: {@code -Dh2.objectCache=false}). */
    static final String PLATFORM_JVM = System.getProperty("bench.platformJvm", "");
    /** Go on past the inbox: label every task (answers in bulk), review, QC and release ({@code bench.label=false}: stop). */
    static final boolean LABEL = Boolean.parseBoolean(System.getProperty("bench.label", "true"));

    @Test
    void aMillionRowDemandThroughTheApi() throws Exception {
        Path file = Path.of("target/bench-million/messages-" + ROWS + ".jsonl").toAbsolutePath();
        MillionDataset.write(file, ROWS, MillionCollectProcessBenchmark.SEED);
        StringBuilder md = new StringBuilder(String.format("# A %,d-row demand through the API%n%n", ROWS));
        md.append(String.format("Machine: %d cores; platform -Xmx%s, two workers -Xmx%s (each its own JVM). Times from"
                + " the manager's approval; each step's end is when its figures appear on the version (polled every"
                + " second, about as a demand page open in the browser looks). From *claim every task* on, each column is"
                + " the stage's own duration: the annotators claim every task and their answers go into the database in"
                + " bulk, they complete the tasks through the API, the expert completes the review, then QC and release"
                + " run as in production.%n%n", Runtime.getRuntime().availableProcessors(), PLATFORM_HEAP, WORKER_HEAP));
        md.append("| database | collect | process | pre-label | plan-round | first label task in the inbox | all label"
                + " tasks created | label tasks | claim every task | write the answers | complete every task | review |"
                + " QC | release | platform peak RSS MB | worker peak RSS MB |\n|---|---|---|---|---|---|---|---|---|---|---|"
                + "---|---|---|---|---|\n");
        for (String db : DBS) {
            md.append(run(db.strip(), file)).append('\n');
            System.out.println(md);
        }
        Files.writeString(Path.of("target/bench-million-api.md"), md.toString());
        System.out.println(md);
    }

    private String run(String db, Path file) throws Exception {
        Path data = Files.createTempDirectory("bench-api-" + db);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://localhost:" + port;
        List<String> platformArgs = new ArrayList<>(List.of("--server.port=" + port, "--refinery.data-dir=" + data,
                "--logging.level.root=WARN"));
        String jdbcUrl;
        String dbUser;
        if (db.equals("postgres")) {
            platformArgs.addAll(BenchPostgres.fresh("refinery_bench_api"));
            jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/refinery_bench_api";
            dbUser = "postgres";
        } else {
            // the platform's own URL (without DB_CLOSE_ON_EXIT, which H2 refuses with it), plus AUTO_SERVER so
            // that the bench's annotators can write answers beside it
            jdbcUrl = "jdbc:h2:file:" + data.resolve("db/refinery") + ";CACHE_SIZE=65536"
                    + ";AUTO_SERVER=TRUE";
            dbUser = "sa";
            platformArgs.add("--spring.datasource.url=" + jdbcUrl);
        }
        List<Process> processes = new ArrayList<>();
        try {
            Process platform = start(platformCommand(PLATFORM_HEAP, platformArgs, db + "-platform"),
                    data.resolve("platform.log"));
            processes.add(platform);
            EngineApi manager = new EngineApi(url, "manager", "manager");
            awaitUp(manager, platform, data.resolve("platform.log"));
            List<Process> workers = new ArrayList<>();
            for (int n = 1; n <= 2; n++) {
                Process w = start(workerCommand(WORKER_HEAP, List.of("--engine-url", url, "--worker-id", "bench-" + n,
                        "--work-dir", data.resolve("worker-" + n).toString()), db + "-worker-" + n),
                        data.resolve("worker-" + n + ".log"));
                workers.add(w);
                processes.add(w);
            }
            Map<String, Object> demand = io.refinery.workers.demo.DemoRun.demand("bench-api-" + db);
            JsonNode started = manager.postJson("/api/demands", demand);
            long v = started.path("versionId").asLong();
            String pi = started.path("processInstanceId").asText();
            manager.putFile("/api/versions/" + v + "/sources/" + file.getFileName(), file);
            approve(manager, pi);
            long t0 = System.nanoTime();
            EngineApi annotator = new EngineApi(url, "ann1", "ann1");
            Map<String, Double> seen = new LinkedHashMap<>();
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            long labelTasks = -1;
            while (System.currentTimeMillis() < deadline) {
                JsonNode version = manager.get("/api/versions/" + v);
                double at = (System.nanoTime() - t0) / 1e9;
                for (String step : List.of("collect", "process", "prelabel", "plan-round")) {
                    if (version.path("stats").has(step)) {
                        seen.putIfAbsent(step, at);
                    }
                }
                JsonNode plan = version.path("stats").path("plan-round");
                labelTasks = plan.path("labelTaskCount").asLong(-1);
                if (!seen.containsKey("first")
                        && annotator.get("/api/inbox?scope=mine&kind=label&limit=1").path("total").asLong(0) > 0) {
                    seen.putIfAbsent("first", at); // in an annotator's own inbox
                }
                long open = seen.containsKey("first")
                        ? manager.get("/api/inbox?scope=team&kind=label&limit=1").path("total").asLong(0) : 0;
                if (labelTasks >= 0 && open >= labelTasks) {
                    seen.putIfAbsent("all", at);
                    break;
                }
                if (!platform.isAlive()) {
                    throw new IllegalStateException("the platform stopped; see " + data.resolve("platform.log"));
                }
                Thread.sleep(1000); // as often as the demand page looks (every 2 s) and a little more
            }
            if (LABEL && seen.containsKey("all")) {
                labelReviewQcRelease(url, jdbcUrl, dbUser, v, pi, demand, platform, seen);
            }
            long platformPeak = peakRssMb(platform);
            long workerPeak = workers.stream().mapToLong(MillionThroughApiBenchmark::peakRssMb).max().orElse(-1);
            return String.format("| %s | %s | %s | %s | %s | %s | %s | %,d | %s | %s | %s | %s | %s | %s | %d | %d |",
                    db.equals("postgres") ? "PostgreSQL" : "H2 file", s(seen, "collect"), s(seen, "process"),
                    s(seen, "prelabel"), s(seen, "plan-round"), s(seen, "first"), s(seen, "all"), labelTasks,
                    s(seen, "claim"), s(seen, "answers"), s(seen, "label tasks"), s(seen, "review"), s(seen, "qc"), s(seen, "release"),
                    platformPeak, workerPeak);
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                p.waitFor();
            }
            deleteTree(data.resolve("db")); // gigabytes on H2; the logs stay for a look afterwards
        }
    }

    /**
     * After the inbox is full: the annotators claim every label task, their answers go in in bulk, they complete the
     * tasks; the expert completes the review (nothing to settle); then QC and release run as in production. Each
     * figure is the duration of its own stage (not from approval): claim = the annotators taking every task from their
     * inboxes, answers = the bulk write, label tasks = completing them, review = the expert's completion call, qc = from then until QC's verdict is on the version,
     * release = from the verdict until the release is sealed.
     */
    @SuppressWarnings("unchecked")
    private static void labelReviewQcRelease(String url, String jdbcUrl, String dbUser, long v, String pi,
                                             Map<String, Object> demand, Process platform, Map<String, Double> seen)
            throws Exception {
        BenchLabelling annotators = new BenchLabelling(url, jdbcUrl, dbUser, (List<String>) demand.get("labelSet"));
        long t = System.nanoTime();
        annotators.claimAll(pi, 3);
        seen.put("claim", (System.nanoTime() - t) / 1e9);
        var tasks = annotators.claimed(v);
        t = System.nanoTime();
        long answers = annotators.writeAnswers(v);
        seen.put("answers", (System.nanoTime() - t) / 1e9);
        System.out.printf("%,d tasks claimed in %.1f s, %,d answers written in %.1f s%n", tasks.size(),
                seen.get("claim"), answers, seen.get("answers"));
        t = System.nanoTime();
        annotators.completeAll(tasks, 3);
        seen.put("label tasks", (System.nanoTime() - t) / 1e9);
        EngineApi expert = new EngineApi(url, "expert", "expert");
        String review = null;
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (review == null && System.currentTimeMillis() < deadline) {
            for (JsonNode task : expert.get("/api/tasks")) {
                if (pi.equals(task.path("processInstanceId").asText()) && "review".equals(task.path("kind").asText())) {
                    review = task.path("id").asText();
                }
            }
            alive(platform);
            Thread.sleep(200);
        }
        if (review == null) {
            return;
        }
        t = System.nanoTime();
        expert.postJson("/api/tasks/" + review + "/claim", Map.of());
        expert.postJson("/api/tasks/" + review + "/complete", Map.of());
        seen.put("review", (System.nanoTime() - t) / 1e9);
        EngineApi manager = new EngineApi(url, "manager", "manager");
        t = System.nanoTime();
        while (System.currentTimeMillis() < deadline && !seen.containsKey("release")) {
            if (!seen.containsKey("qc") && manager.get("/api/versions/" + v + "/quality").size() > 0) {
                seen.put("qc", (System.nanoTime() - t) / 1e9);
                t = System.nanoTime();
            }
            if (seen.containsKey("qc")) {
                try {
                    manager.get("/api/versions/" + v + "/release");
                    seen.put("release", (System.nanoTime() - t) / 1e9);
                } catch (EngineApi.ApiError notYet) {
                    // 404 until it is sealed
                }
            }
            alive(platform);
            Thread.sleep(200);
        }
    }

    private static void alive(Process platform) {
        if (!platform.isAlive()) {
            throw new IllegalStateException("the platform stopped");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String s(Map<String, Double> seen, String key) {
        return seen.containsKey(key) ? String.format("%.1f s", seen.get(key)) : "not reached";
    }

    private static void approve(EngineApi manager, String pi) throws Exception {
        for (int i = 0; i < 300; i++) {
            for (JsonNode task : manager.get("/api/tasks")) {
                if (pi.equals(task.path("processInstanceId").asText()) && "approval".equals(task.path("kind").asText())) {
                    manager.postJson("/api/tasks/" + task.path("id").asText() + "/complete",
                            Map.of("variables", Map.of("approved", true)));
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no approval task for " + pi);
    }

    private static void awaitUp(EngineApi api, Process platform, Path log) throws Exception {
        for (int i = 0; i < 600; i++) {
            try {
                api.get("/api/tasks");
                return;
            } catch (IOException notYet) {
                if (!platform.isAlive()) {
                    throw new IllegalStateException("the platform did not start:\n" + Files.readString(log));
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the platform did not answer within 150 s; see " + log);
    }

    /** VmHWM of a live process (its peak resident set), in MB. */
    static long peakRssMb(Process p) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException gone) {
            return -1;
        }
        return -1;
    }

    private static List<String> platformCommand(String heap, List<String> args, String name) {
        String jar = System.getProperty("bench.platformJar", "");
        List<String> cmd = jvm(heap, name);
        if (!PLATFORM_JVM.isBlank()) {
            cmd.addAll(List.of(PLATFORM_JVM.strip().split("\\s+")));
        }
        if (!jar.isBlank()) {
            cmd.addAll(List.of("-jar", jar));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.refinery.engine.HeadlessEngine"));
        }
        cmd.addAll(args);
        return cmd;
    }

    private static List<String> workerCommand(String heap, List<String> args, String name) {
        List<String> cmd = jvm(heap, name);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.refinery.workers.WorkerMain"));
        cmd.addAll(args);
        return cmd;
    }

    private static List<String> jvm(String heap, String name) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap));
        if (!JFR.isBlank()) {
            cmd.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + Path.of(JFR, name + ".jfr").toAbsolutePath());
        }
        return cmd;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Process start(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
