package io.refinery.workers.bench;

import io.refinery.engine.HeadlessEngine;
import io.refinery.workers.runtime.Job;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workers.runtime.WorkerRuntime;
import io.refinery.workers.runtime.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Worker runtime benchmark (run with {@code ./refinery bench}, not part of the normal test run). One engine per
 * database, workers in the same JVM but talking to it only over HTTP. For each database: throughput of a
 * process of three external tasks, and pickup latency, for our runtime and for the official Camunda Java client
 * at its defaults. Prints a table and writes it to {@code workers/target/bench-results.md}.
 */
abstract class WorkerBenchmark {
    static final String KEY = "bench-three-steps";
    static final List<String> TOPICS = List.of("bench.a", "bench.b", "bench.c");
    static final int INSTANCES = Integer.getInteger("bench.instances", 2000);
    static final int LATENCY_SAMPLES = Integer.getInteger("bench.samples", 300);

    record Figures(String db, String client, double instancesPerSecond, double cpuMsPerInstance, double p50, double p99,
                   double firstAfterIdle) {
    }

    interface Worker extends AutoCloseable {
        @Override
        void close();
    }

    /** Counts the engine's HTTP requests by kind during a measurement. */
    static final RequestCounter REQUESTS = new RequestCounter();

    static final class RequestCounter implements jakarta.servlet.Filter {
        final Map<String, java.util.concurrent.atomic.LongAdder> counts = new ConcurrentHashMap<>();

        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
                             jakarta.servlet.FilterChain chain) throws java.io.IOException, jakarta.servlet.ServletException {
            String uri = ((jakarta.servlet.http.HttpServletRequest) request).getRequestURI();
            String kind = uri.endsWith("/fetchAndLock") ? "fetchAndLock" : uri.endsWith("/extendLock") ? "extendLock"
                    : uri.endsWith("/external-tasks/complete") ? "batchComplete" : uri.endsWith("/complete") ? "complete"
                    : "other";
            counts.computeIfAbsent(kind, k -> new java.util.concurrent.atomic.LongAdder()).increment();
            chain.doFilter(request, response);
        }

        String snapshotAndReset() {
            String text = new java.util.TreeMap<>(counts).toString();
            counts.clear();
            return text;
        }
    }

    /** Called by every handler: when a task of topic a was picked up. */
    static final Map<String, Long> pickedUp = new ConcurrentHashMap<>();
    static volatile CountDownLatch done = new CountDownLatch(0);

    /** The database under test: its name, and the engine properties that select it. */
    abstract String database();

    abstract Map<String, String> databaseProperties() throws Exception;

    @Test
    void benchmark() throws Exception {
        Path dir = Files.createTempDirectory("refinery-bench");
        List<Figures> results = onDatabase(database(), dir, databaseProperties());
        StringBuilder table = new StringBuilder();
        table.append(String.format("%n%s: %d instances of start → 3 external tasks → end; %d pickup samples; %d cores%n",
                database(), INSTANCES, LATENCY_SAMPLES, Runtime.getRuntime().availableProcessors()));
        table.append("| database | client | instances/s | CPU ms per instance (engine + worker) | pickup p50 ms"
                + " | pickup p99 ms | first after 10 s idle ms |\n");
        table.append("|---|---|---|---|---|---|---|\n");
        for (Figures f : results) {
            table.append(String.format("| %s | %s | %.1f | %.2f | %.1f | %.1f | %.1f |%n", f.db(), f.client(),
                    f.instancesPerSecond(), f.cpuMsPerInstance(), f.p50(), f.p99(), f.firstAfterIdle()));
        }
        if (results.size() > 1) {
            table.append(String.format("%s: throughput ours / official defaults = %.2f×%n", database(),
                    results.get(0).instancesPerSecond() / results.get(1).instancesPerSecond()));
        }
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/bench-results-" + database().replaceAll("\\W+", "-") + ".md"), table.toString());
    }

    List<Figures> onDatabase(String db, Path dataDir, Map<String, String> props) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--refinery.data-dir=" + dataDir,
                "--logging.level.root=WARN"));
        props.forEach((k, v) -> args.add("--" + k + "=" + v));
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(HeadlessEngine.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("benchRequestCounter", REQUESTS))
                .run(args.toArray(String[]::new))) {
            String url = "http://localhost:" + ctx.getEnvironment().getProperty("local.server.port");
            ProcessEngine engine = ctx.getBean(ProcessEngine.class);
            engine.getRepositoryService().createDeployment().addModelInstance(KEY + ".bpmn", model()).deploy();
            RuntimeService runtime = engine.getRuntimeService();
            List<Figures> figures = new ArrayList<>();
            figures.add(measure(db, "Refinery runtime", runtime, () -> ours(url)));
            if (!Boolean.getBoolean("bench.oursOnly")) {
                figures.add(measure(db, "official client, defaults", runtime, () -> official(url)));
            }
            return figures;
        }
    }

    interface WorkerFactory {
        Worker start();
    }

    Figures measure(String db, String client, RuntimeService runtime, WorkerFactory factory) throws Exception {
        try (Worker worker = factory.start()) {
            Thread.sleep(1000);
            // warm-up
            runBatch(runtime, 200);
            REQUESTS.snapshotAndReset();
            // throughput
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            runBatch(runtime, INSTANCES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMsPerInstance = (os.getProcessCpuTime() - cpu0) / 1e6 / INSTANCES;
            System.out.println(client + " HTTP requests for " + INSTANCES + " instances: " + REQUESTS.snapshotAndReset());
            // pickup latency: one instance at a time, time from committed start to the first handler call
            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < LATENCY_SAMPLES; i++) {
                latencies.add(pickup(runtime));
                Thread.sleep(5 + (i % 7) * 3);
            }
            if (latencies.isEmpty()) {
                latencies.add(Double.NaN);
            }
            double first = Double.NaN;
            if (LATENCY_SAMPLES > 0) {
                Thread.sleep(10_000);
                first = pickup(runtime);
            }
            Collections.sort(latencies);
            Figures f = new Figures(db, client, INSTANCES / seconds, cpuMsPerInstance, percentile(latencies, 50),
                    percentile(latencies, 99), first);
            System.out.println(f);
            return f;
        }
    }

    static void runBatch(RuntimeService runtime, int n) throws InterruptedException {
        done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            runtime.startProcessInstanceByKey(KEY);
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("batch of " + n + " did not finish: " + done.getCount() + " left");
        }
    }

    /** Latches of single instances started for latency samples, by business key. */
    static final Map<String, CountDownLatch> finished = new ConcurrentHashMap<>();

    static double pickup(RuntimeService runtime) throws InterruptedException {
        String business = "latency-" + System.nanoTime();
        CountDownLatch end = new CountDownLatch(1);
        finished.put(business, end);
        runtime.startProcessInstanceByKey(KEY, business);
        long started = System.nanoTime();
        if (!end.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("instance " + business + " not finished within 2 minutes");
        }
        finished.remove(business);
        Long picked = pickedUp.remove(business);
        if (picked == null) {
            throw new IllegalStateException("instance " + business + " finished without a recorded pickup");
        }
        return (picked - started) / 1e6;
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static void onTask(String topic, String businessKey) {
        if (topic.equals(TOPICS.get(0)) && businessKey != null) {
            pickedUp.putIfAbsent(businessKey, System.nanoTime());
        }
    }

    static void afterComplete(String topic, String businessKey) {
        if (topic.equals(TOPICS.get(2))) {
            CountDownLatch single = businessKey == null ? null : finished.get(businessKey);
            if (single != null) {
                single.countDown();
            } else {
                done.countDown();
            }
        }
    }

    static BpmnModelInstance model() {
        var builder = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1).startEvent();
        var flow = builder.serviceTask("a").camundaExternalTask(TOPICS.get(0))
                .serviceTask("b").camundaExternalTask(TOPICS.get(1))
                .serviceTask("c").camundaExternalTask(TOPICS.get(2));
        return flow.endEvent().done();
    }

    Worker ours(String url) {
        WorkerSettings defaults = WorkerSettings.defaults(url, "worker", "worker");
        WorkerSettings settings = new WorkerSettings(url, "worker", "worker", defaults.workerId(),
                java.time.Duration.ofMillis(Long.getLong("bench.pollMs", defaults.longPoll().toMillis())),
                defaults.lockDuration(), Integer.getInteger("bench.threads", defaults.threads()),
                Integer.getInteger("bench.maxTasks", defaults.maxTasks()));
        WorkerRuntime runtime = new WorkerRuntime(settings);
        for (String topic : TOPICS) {
            runtime.register(new TopicHandler() {
                @Override
                public String topic() {
                    return topic;
                }

                @Override
                public List<String> variables() {
                    return List.of();
                }

                @Override
                public Map<String, Object> handle(Job job) {
                    onTask(topic, job.businessKey());
                    return Map.of();
                }
            });
        }
        runtime.onCompleted(job -> afterComplete(job.topic(), job.businessKey())).start();
        return () -> runtime.close();
    }

    Worker official(String url) {
        ExternalTaskClient client = ExternalTaskClient.create().baseUrl(url + "/engine-rest")
                .addInterceptor(new BasicAuthProvider("worker", "worker")).build();
        for (String topic : TOPICS) {
            client.subscribe(topic).handler((task, service) -> {
                onTask(topic, task.getBusinessKey());
                service.complete(task);
                afterComplete(topic, task.getBusinessKey());
            }).open();
        }
        return client::stop;
    }
}
