package io.refinery.workers;

import io.refinery.workers.api.EngineApi;
import io.refinery.workers.collect.CollectHandler;
import io.refinery.workers.drift.DriftHandler;
import io.refinery.workers.plan.PlanRoundHandler;
import io.refinery.workers.prelabel.PrelabelHandler;
import io.refinery.workers.process.ProcessHandler;
import io.refinery.workers.quality.QcHandler;
import io.refinery.workers.quality.SensitiveTerms;
import io.refinery.workers.release.ReleaseHandler;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workers.runtime.WorkerRuntime;
import io.refinery.workers.runtime.WorkerSettings;
import io.refinery.workflows.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A worker process. Options (or environment variables): {@code --engine-url} (REFINERY_ENGINE_URL,
 * default http://localhost:8080), {@code --user} / {@code --password} (REFINERY_WORKER_USER /
 * REFINERY_WORKER_PASSWORD, default worker/worker), {@code --topics} (comma-separated, default all),
 * {@code --threads} (8), {@code --lock-ms} (2000), {@code --poll-ms} (1500), {@code --work-dir}
 * (REFINERY_WORK_DIR, default ./data/worker), {@code --collect-root} (REFINERY_COLLECT_ROOT, folder sources).
 * {@code demo [engine-url]} instead runs the scripted demo ({@link io.refinery.workers.demo.DemoRun}).
 */
public final class WorkerMain {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("demo")) {
            io.refinery.workers.demo.DemoRun.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Map<String, String> opts = options(args);
        WorkerSettings settings = WorkerSettings.defaults(
                opt(opts, "engine-url", "REFINERY_ENGINE_URL", "http://localhost:8080"),
                opt(opts, "user", "REFINERY_WORKER_USER", "worker"),
                opt(opts, "password", "REFINERY_WORKER_PASSWORD", "worker"))
                .withThreads(Integer.parseInt(opt(opts, "threads", "REFINERY_WORKER_THREADS", "8")))
                .withLocks(Duration.ofMillis(Long.parseLong(opt(opts, "lock-ms", "REFINERY_LOCK_MS", "2000"))),
                        Duration.ofMillis(Long.parseLong(opt(opts, "poll-ms", "REFINERY_POLL_MS", "1500"))));
        if (opts.containsKey("worker-id")) {
            settings = settings.withWorkerId(opts.get("worker-id"));
        }
        String everyTopic = String.join(",", Topics.ALL) + "," + String.join(",", Topics.OTHER_PROCESSES);
        List<String> topics = Arrays.stream(opt(opts, "topics", "REFINERY_TOPICS", everyTopic).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        String root = opt(opts, "collect-root", "REFINERY_COLLECT_ROOT", "");
        Path workDir = Path.of(opt(opts, "work-dir", "REFINERY_WORK_DIR", "./data/worker"));

        EngineApi api = new EngineApi(settings.engineUrl(), settings.user(), settings.password());
        WorkerRuntime runtime = new WorkerRuntime(settings);
        for (TopicHandler handler : handlers(api, root.isBlank() ? null : Path.of(root), workDir)) {
            if (topics.contains(handler.topic())) {
                runtime.register(handler);
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "refinery-worker-shutdown"));
        runtime.start();
        stopped.await();
    }

    /** Every topic's handler, wired to one engine client. */
    public static List<TopicHandler> handlers(EngineApi api, Path collectRoot, Path workDir) throws IOException {
        return List.of(new CollectHandler(api, collectRoot), new ProcessHandler(api), new PrelabelHandler(api),
                new PlanRoundHandler(api),
                new QcHandler(api, defaultSensitiveTerms()), new ReleaseHandler(api, workDir), new DriftHandler(api));
    }

    /** The platform's default sensitive-term list (quality/sensitive-terms.txt on the classpath). */
    public static SensitiveTerms defaultSensitiveTerms() throws IOException {
        try (InputStream in = WorkerMain.class.getClassLoader().getResourceAsStream("quality/sensitive-terms.txt")) {
            if (in == null) {
                throw new IOException("quality/sensitive-terms.txt is missing from the worker's classpath");
            }
            return SensitiveTerms.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; options look like --name value");
            }
            String name = args[i].substring(2);
            int eq = name.indexOf('=');
            if (eq > 0) {
                opts.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length) {
                opts.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
        }
        return opts;
    }

    static String opt(Map<String, String> opts, String name, String env, String fallback) {
        String value = opts.get(name);
        if (value == null) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private WorkerMain() {
    }
}
