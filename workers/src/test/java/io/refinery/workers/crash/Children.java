package io.refinery.workers.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.demo.DemoBots;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Engine and workers as real OS processes (separate JVMs on the test's own class path), each with its output in a
 * log file under the test's temp dir; SIGKILL via {@link Process#destroyForcibly()}.
 */
final class Children implements AutoCloseable {

    /** One child JVM and where its output goes. */
    record Child(String name, Process process, Path log) {
        long pid() {
            return process.pid();
        }
    }

    private final Path dir;
    private final List<Child> children = new ArrayList<>();
    final int port;
    final String url;

    Children(Path dir) throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.url = "http://localhost:" + port;
        // should the test JVM itself die before @AfterEach, its children must not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "crash-children-reaper"));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private Child spawn(String name, List<String> jvm, String main, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main);
        cmd.addAll(args);
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().remove("PORT");
        Child child = new Child(name, pb.start(), log);
        children.add(child);
        System.out.println("[crash] started " + name + " pid " + child.pid() + ", log " + log);
        return child;
    }

    /** A headless engine on {@link #port} with its H2 file under {@code dataDir}; returns once it answers 401. */
    Child startEngine(String name, Path dataDir, Duration timeout) throws Exception {
        Child engine = spawn(name, List.of("-Xmx768m", "-XX:+UseSerialGC"), "io.refinery.engine.HeadlessEngine",
                List.of("--server.port=" + port, "--refinery.data-dir=" + dataDir));
        long start = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!engine.process().isAlive()) {
                throw new IllegalStateException(name + " exited with " + engine.process().exitValue() + "\n" + tail(engine));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/tasks"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 401) {
                    System.out.printf("[crash] %s ready after %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
                    return engine;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not answer 401 within " + timeout + "\n" + tail(engine));
    }

    Child startWorker(String id, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--engine-url", url, "--worker-id", id, "--threads", "4",
                "--work-dir", dir.resolve("work-" + id).toString()));
        args.addAll(List.of(extra));
        return spawn(id, List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                "io.refinery.workers.WorkerMain", args);
    }

    /** SIGKILL; returns the exit code, which must be 137 (128 + 9). */
    int kill(Child child) throws InterruptedException {
        child.process().destroyForcibly();
        if (!child.process().waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(child.name() + " still alive 10 s after SIGKILL");
        }
        return child.process().exitValue();
    }

    static String tail(Child child) {
        try {
            List<String> lines = Files.readAllLines(child.log(), StandardCharsets.UTF_8);
            return "---- tail of " + child.name() + " (" + child.log() + ") ----\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log of " + child.name() + ": " + e + ")";
        }
    }

    void printTails() {
        children.forEach(c -> System.out.println(tail(c)));
    }

    @Override
    public void close() {
        for (Child c : children) {
            if (c.process().isAlive()) {
                c.process().destroyForcibly();
            }
        }
        for (Child c : children) {
            try {
                c.process().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- engine API helpers ---------------------------------------------------------------------------------

    EngineApi as(String user) {
        return new EngineApi(url, user, user);
    }

    /** Completes the approval task of {@code pi} (waits for it); returns the time of approval (nanoTime). */
    long approve(String pi, Duration timeout) throws Exception {
        EngineApi manager = as("manager");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode task : manager.get("/api/tasks")) {
                if (pi.equals(task.path("processInstanceId").asText()) && "approval".equals(task.path("kind").asText())) {
                    manager.postJson("/api/tasks/" + task.path("id").asText() + "/complete",
                            Map.of("variables", Map.of("approved", true)));
                    return System.nanoTime();
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no approval task for " + pi);
    }

    /**
     * DemoRun's loop, minus filing and approval: bots label and review until the release exists. {@code afterRound}
     * is called after every pass with the number of label tasks done so far (it may kill and restart the engine).
     */
    JsonNode driveToRelease(long versionId, String pi, DemoBots bots, Duration timeout, RoundHook afterRound)
            throws Exception {
        EngineApi manager = as("manager");
        long deadline = System.nanoTime() + timeout.toNanos();
        int labelled = 0;
        while (System.nanoTime() < deadline) {
            int work = 0;
            try {
                for (JsonNode task : manager.get("/api/tasks")) {
                    if (pi.equals(task.path("processInstanceId").asText()) && "decision".equals(task.path("kind").asText())) {
                        manager.postJson("/api/tasks/" + task.path("id").asText() + "/complete",
                                Map.of("variables", Map.of("releaseAnyway", true)));
                        System.out.println("[crash] QC failed maxRounds times: released anyway");
                    }
                }
                for (String annotator : List.of("ann1", "ann2", "ann3")) {
                    int n = bots.annotate(annotator, pi);
                    work += n;
                    labelled += n;
                    if (afterRound != null && afterRound.after(labelled)) {
                        work++;
                    }
                }
                work += bots.review("expert", pi);
                try {
                    return manager.get("/api/versions/" + versionId + "/release");
                } catch (EngineApi.ApiError notYet) {
                    if (notYet.status() != 404) {
                        throw notYet;
                    }
                }
            } catch (IOException transientError) {
                if (afterRound == null) {
                    throw transientError;
                }
                System.out.println("[crash] bots: " + transientError); // engine restarting
                Thread.sleep(500);
            }
            if (work == 0) {
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("no release after " + timeout + "; version " + versionId + " is at "
                + manager.get("/api/versions/" + versionId).path("counts"));
    }

    /** Called after each annotator pass; returns true when it did something (e.g. restarted the engine). */
    interface RoundHook {
        boolean after(int labelTasksDone) throws Exception;
    }

    /**
     * A figure of {@code counts} of GET /api/versions/{id}: on H2 the keys come back upper-case (ITEMS), on
     * PostgreSQL lower-case (items), so both are read.
     */
    static long count(JsonNode version, String key) {
        JsonNode counts = version.path("counts");
        JsonNode n = counts.has(key) ? counts.get(key) : counts.path(key.toUpperCase(java.util.Locale.ROOT));
        return n.asLong();
    }

    static Map<String, Object> demand(String name, List<String> labels, String rules, int packageSize) {
        Map<String, Object> demand = new LinkedHashMap<>();
        demand.put("name", name);
        demand.put("description", "crash test");
        demand.put("taskType", "text-classification");
        demand.put("labelSet", labels);
        demand.put("labelRules", rules);
        demand.put("targetSize", 1000);
        demand.put("intendedUse", "tests only");
        demand.put("source", "upload");
        demand.put("packageSize", packageSize);
        demand.put("overlap", 2);
        demand.put("labelSla", "P3D");
        demand.put("maxRounds", 3);
        demand.put("thresholds", Map.of("minCompleteness", 0.95, "minAgreement", 0.80, "minKappa", 0.70,
                "maxDuplicateRate", 1.0, "maxSensitiveRatio", 1.0));
        return demand;
    }
}
