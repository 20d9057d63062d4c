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
 * plan-round complete, and the label tasks reach the inbox (the first one and all of them). Peak resident memory of
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

    @Test
    void aMillionRowDemandThroughTheApi() throws Exception {
        Path file = Path.of("target/bench-million/messages-" + ROWS + ".jsonl").toAbsolutePath();
        MillionDataset.write(file, ROWS, MillionCollectProcessBenchmark.SEED);
        StringBuilder md = new StringBuilder(String.format("# A %,d-row demand through the API%n%n", ROWS));
        md.append(String.format("Machine: %d cores; platform -Xmx%s, two workers -Xmx%s (each its own JVM). Times from"
                + " the manager's approval; each step's end is when its figures appear on the version (polled every"
                + " second, about as a demand page open in the browser looks).%n%n", Runtime.getRuntime().availableProcessors(), PLATFORM_HEAP, WORKER_HEAP));
        md.append("| database | collect | process | pre-label | plan-round | first label task in the inbox | all label"
                + " tasks created | label tasks | platform peak RSS MB | worker peak RSS MB |\n|---|---|---|---|---|---|"
                + "---|---|---|---|\n");
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
        if (db.equals("postgres")) {
            platformArgs.addAll(BenchPostgres.fresh("refinery_bench_api"));
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
            long platformPeak = peakRssMb(platform);
            long workerPeak = workers.stream().mapToLong(MillionThroughApiBenchmark::peakRssMb).max().orElse(-1);
            return String.format("| %s | %s | %s | %s | %s | %s | %s | %,d | %d | %d |", db.equals("postgres")
                            ? "PostgreSQL" : "H2 file", s(seen, "collect"), s(seen, "process"), s(seen, "prelabel"),
                    s(seen, "plan-round"), s(seen, "first"), s(seen, "all"), labelTasks, platformPeak, workerPeak);
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
