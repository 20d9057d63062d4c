package io.refinery.workers.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refinery.workflows.rows.CollectStats;
import io.refinery.workflows.rows.RowReader;
import io.refinery.workflows.rows.RowSink;
import io.refinery.workers.process.OperatorSpec;
import io.refinery.workers.process.PipelineBatches;
import io.refinery.workers.process.ProcessStats;
import io.refinery.workers.process.ProcessedText;
import io.refinery.workers.process.TextPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Collect + process of a million customer-service messages (run with {@code ./refinery bench million}, not part of
 * the normal test run). Generates the set (deterministic, {@link MillionDataset}) into {@code target/bench-million/}, then,
 * each in a child JVM with {@code -Xmx512m} on this machine's cores:
 * <ol>
 *   <li>a) Jackson's streaming parser over the whole file, reading every field: the practical limit;</li>
 *   <li>b) collect + process through the worker's own classes: {@link RowReader} (split, strict UTF-8, parse,
 *       validate), then {@link TextPipeline} (normalize, exact dedup, near dedup, PII masking) through
 *       {@link PipelineBatches}, each kept item serialized as the NDJSON line the engine would receive (to a
 *       counting sink, no disk); once with the pipeline on the reading thread, once batched on every core.</li>
 * </ol>
 * Prints wall time, peak heap and the b/a ratio, and writes them to {@code target/bench-million.md}. Separately,
 * c) the real handlers against a real engine (H2 file, or PostgreSQL with {@code -Dbench.db=postgres}) over HTTP
 * ({@code bench.httpRows} records, default 1,000,000; about 1.5 min): upload, collect (raw items and quarantine into
 * the engine), process (items and near-duplicate quarantine), each timed with the JVM's CPU seconds; written to
 * {@code target/bench-million-http.md} ({@code -postgres.md}) with the figures from before the engine's rework.
 */
class MillionCollectProcessBenchmark {

    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    static final int HTTP_ROWS = Integer.getInteger("bench.httpRows", 1_000_000);
    static final long SEED = 20261128L;
    static final String OPERATORS = "normalize, dedup, dedup-near, mask-pii";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void collectAndProcessAMillionRecords() throws Exception {
        Path file = Path.of("target/bench-million/messages-" + ROWS + ".jsonl");
        long generateStart = System.nanoTime();
        MillionDataset.Figures data = MillionDataset.write(file, ROWS, SEED);
        double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
        System.out.printf("generated %,d rows, %,d bytes in %.1f s%n", data.rows(), data.bytes(), generateSeconds);

        JsonNode parse = child("parse", file);
        JsonNode sequential = child("sequential", file);
        JsonNode batched = child("batched", file);

        double a = parse.path("seconds").asDouble();
        StringBuilder md = new StringBuilder("# Collect + process of 1,000,000 records\n\n");
        md.append(String.format("Machine: %d cores, Java %s; each run in a child JVM with -Xmx512m (%s GC).%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), parse.path("gc").asText()));
        md.append(String.format("Set: %,d rows, %.1f MB JSONL (about 60%% Chinese, 40%% English), planted: %,d exact "
                + "duplicates (white space), %,d near duplicates (one changed char, added punctuation), %,d bad rows; "
                + "generated in %.1f s.%n%n", data.rows(), data.bytes() / 1e6, data.exactDuplicates(),
                data.nearDuplicates(), data.badRows(), generateSeconds));
        md.append("| run | wall s | CPU s (all threads) | load average at the end | rows/s | b / a | peak heap used MB (sampled every 5 ms) | heap retained at the end, after a full GC, MB | GC count / ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        row(md, "a) Jackson streaming parse, every field", parse, a);
        row(md, "b) collect + process, pipeline on the reading thread", sequential, a);
        row(md, "b) collect + process, batched on every core", batched, a);
        md.append("\nThe machine is shared: a load average above the core count means other processes took CPU time"
                + " from these runs; CPU seconds do not depend on that. CPU seconds per thread of b): pipeline on the"
                + " reading thread ").append(sequential.path("threadCpuSeconds")).append(", batched ")
                .append(batched.path("threadCpuSeconds")).append(": on an otherwise idle machine the batched run"
                + " takes about as long as its busiest thread.\n");
        md.append("\nOutcome of b) (same in both runs):\n\n");
        for (String key : List.of("accepted", "quarantined", "quarantinedByReason", "kept", "duplicates", "nearDuplicates",
                "piiByKind", "outputBytes")) {
            md.append("- ").append(key).append(": ").append(batched.path(key)).append('\n');
        }
        md.append("\nOperators: ").append(OPERATORS).append(". Near-duplicate index: ").append(batched.path("nearIndex").asText()).append('\n');
        System.out.println(md);
        Files.writeString(Path.of("target/bench-million.md"), md.toString());
        if (!sequential.path("kept").equals(batched.path("kept"))
                || !sequential.path("nearDuplicates").equals(batched.path("nearDuplicates"))) {
            throw new AssertionError("batched and sequential runs disagree: " + sequential + " vs " + batched);
        }
    }

    /** Database of the engine in part c): {@code h2} (a file, the default) or {@code postgres} (127.0.0.1:5432). */
    static final String HTTP_DB = System.getProperty("bench.db", "h2");

    @Test
    void collectAndProcessThroughTheEngineOverHttp(@org.junit.jupiter.api.io.TempDir Path data) throws Exception {
        Path file = Path.of("target/bench-million/messages-" + HTTP_ROWS + ".jsonl");
        MillionDataset.write(file, HTTP_ROWS, SEED);
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--refinery.data-dir=" + data,
                "--logging.level.root=WARN"));
        if ("postgres".equals(HTTP_DB)) {
            args.addAll(BenchPostgres.fresh("refinery_bench_http"));
        }
        try (org.springframework.context.ConfigurableApplicationContext ctx =
                     new org.springframework.boot.builder.SpringApplicationBuilder(io.refinery.engine.HeadlessEngine.class)
                             .run(args.toArray(String[]::new))) {
            String url = "http://localhost:" + ctx.getEnvironment().getProperty("local.server.port");
            io.refinery.workers.api.EngineApi manager = new io.refinery.workers.api.EngineApi(url, "manager", "manager");
            io.refinery.workers.api.EngineApi worker = new io.refinery.workers.api.EngineApi(url, "worker", "worker");
            JsonNode started = manager.postJson("/api/demands", io.refinery.workers.demo.DemoRun.demand("bench-http"));
            long v = started.path("versionId").asLong();
            String pi = started.path("processInstanceId").asText();
            Cpu c0 = Cpu.now();
            manager.putFile("/api/versions/" + v + "/sources/" + file.getFileName(), file);
            Cpu c1 = Cpu.now();
            Map<String, Object> collected = new io.refinery.workers.collect.CollectHandler(worker, null).handle(
                    new io.refinery.workers.runtime.Job("c", io.refinery.workflows.Topics.COLLECT, pi, null, 1, Map.of(
                            io.refinery.workflows.Vars.VERSION_ID, v, io.refinery.workflows.Vars.SOURCE, "upload")));
            Cpu c2 = Cpu.now();
            Map<String, Object> processed = new io.refinery.workers.process.ProcessHandler(worker).handle(
                    new io.refinery.workers.runtime.Job("p", io.refinery.workflows.Topics.PROCESS, pi, null, 1, Map.of(
                            io.refinery.workflows.Vars.VERSION_ID, v, io.refinery.workers.process.ProcessHandler.OPERATORS,
                            OPERATORS, io.refinery.workflows.Vars.TASK_TYPE, "text-classification")));
            Cpu c3 = Cpu.now();
            String md = String.format("# c) Collect + process of %,d records through the engine over HTTP (%s)%n%n"
                    + "Handlers of the worker against a real engine in the same JVM, over HTTP; load average %.1f on %d"
                    + " cores. CPU s: the whole JVM (engine, worker, GC); the handler thread's own share in brackets"
                    + " (the rest is the engine, HTTP and GC).%n%n| step | wall s | rows/s | CPU s (handler thread) |%n"
                    + "|---|---|---|---|%n%s%s%s%s%nCollect returned %s; process returned %s.%n",
                    HTTP_ROWS, "postgres".equals(HTTP_DB) ? "PostgreSQL" : "H2 file",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors(),
                    c0.row(c1, String.format("upload the source (%.1f MB)", Files.size(file) / 1e6)),
                    c1.row(c2, "collect: read, validate, post raw items + quarantine"),
                    c2.row(c3, "process: stream raw items back, operators, post items + near-duplicate quarantine"),
                    c1.row(c3, "**collect + process**"), collected, processed) + BEFORE;
            System.out.println(md);
            Files.writeString(Path.of("target/bench-million-http" + ("postgres".equals(HTTP_DB) ? "-postgres" : "")
                    + ".md"), md);
        }
    }

    /** The same benchmark before the engine's bulk paths were reworked (integration at 667bce7), for comparison. */
    static final String BEFORE = """

            Before the engine's bulk paths were reworked (integration 667bce7, same benchmark; wall s / rows/s / CPU s):

            | set | collect | process | collect + process | CPU s |
            |---|---|---|---|---|
            | 20,000, H2 file, load 2.4 | 1.55 s | 2.62 s | 4.16 s, 4,807 rows/s | 8.1 |
            | 100,000, H2 file, load 10.1 | 32.56 s | 37.38 s | 69.93 s, 1,430 rows/s | 26.8 |
            | 100,000, PostgreSQL, load 1.3 | 5.45 s | 107.25 s | 112.70 s, 887 rows/s | 13.2 |

            Where the time went: every row inserted on its own (autocommit) with a NOT EXISTS probe, the worker waiting
            for each 1,000-row batch, and after every batch a COUNT(*) of the whole version (quadratic). Worse, the
            raw-item stream was cut by the servlet container's 30 s async timeout and Process took the short stream
            for the whole one: the 100,000-row PostgreSQL run above kept 36,014 items instead of about 92,000.
            After: one transaction per JDBC batch (ON CONFLICT DO NOTHING on PostgreSQL), this batch's counts instead
            of COUNT(*), one batch in flight while the worker fills the next, H2 streams read lazily in index order,
            stored JSON passed through unparsed, a 2 h async timeout, and Process checking it read every raw item.
            What is left is mostly H2's own insert work (index and page writes) and the worker's operators.
            """;

    /** Wall clock, CPU time of the whole JVM and of the calling thread at one moment. */
    record Cpu(long wallNanos, long processNanos, long threadNanos) {
        static Cpu now() {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Cpu(System.nanoTime(), os.getProcessCpuTime(),
                    ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
        }

        String row(Cpu end, String step) {
            double wall = (end.wallNanos - wallNanos) / 1e9;
            return String.format("| %s | %.2f | %,.0f | %.1f (%.1f) |%n", step, wall, HTTP_ROWS / wall,
                    (end.processNanos - processNanos) / 1e9, (end.threadNanos - threadNanos) / 1e9);
        }
    }

    private static void row(StringBuilder md, String name, JsonNode run, double a) {
        double seconds = run.path("seconds").asDouble();
        md.append(String.format("| %s | %.2f | %.1f | %.1f | %,.0f | %.2f | %d | %d | %d / %d |%n", name, seconds,
                run.path("cpuSeconds").asDouble(), run.path("loadAverage").asDouble(), run.path("rows").asLong() / seconds, seconds / a, run.path("peakHeapMb").asLong(),
                run.path("retainedMb").asLong(), run.path("gcCount").asLong(), run.path("gcMs").asLong()));
    }

    /** Runs {@link #main} in a child JVM with -Xmx512m; its last output line is the figures as JSON. */
    private static JsonNode child(String mode, Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                MillionCollectProcessBenchmark.class.getName(), mode, file.toString())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var reader = p.inputReader()) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        if (p.waitFor() != 0 || lines.isEmpty()) {
            throw new IllegalStateException(mode + " run failed:\n" + String.join("\n", lines));
        }
        JsonNode figures = JSON.readTree(lines.get(lines.size() - 1));
        System.out.println(mode + ": " + figures);
        return figures;
    }

    /** Child JVM: {@code parse|sequential|batched <file>}, or {@code generate <file> <rows>}. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        if (args[0].equals("generate")) {
            System.out.println(MillionDataset.write(file, Integer.parseInt(args[2]), SEED));
            return;
        }
        HeapWatch heap = new HeapWatch();
        Map<String, Object> figures = new LinkedHashMap<>();
        long start = System.nanoTime();
        if (args[0].equals("parse")) {
            figures.put("rows", parseOnly(file));
            figures.put("seconds", (System.nanoTime() - start) / 1e9);
            figures.putAll(heap.stop());
        } else {
            figures.putAll(collectAndProcess(file, args[0].equals("batched"), start, heap));
        }
        System.out.println(JSON.writeValueAsString(figures));
    }

    /** a) Every token of the file through Jackson's streaming parser, every string materialized. */
    static long parseOnly(Path file) throws IOException {
        long rows = 0;
        long chars = 0;
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            int depth = 0;
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> {
                        if (--depth == 0) {
                            rows++;
                        }
                    }
                    case FIELD_NAME, VALUE_STRING -> chars += parser.getText().length();
                    case VALUE_NUMBER_INT -> chars += parser.getLongValue() > 0 ? 1 : 0;
                    default -> {
                    }
                }
            }
        }
        return chars > 0 ? rows : -1;
    }

    private record Row(long line, ObjectNode node) {
    }

    /** b) Collect (RowReader) feeding process (TextPipeline), kept items serialized as the engine's NDJSON. */
    static Map<String, Object> collectAndProcess(Path file, boolean batched, long start, HeapWatch heap)
            throws IOException, InterruptedException {
        TextPipeline pipeline = TextPipeline.of(OperatorSpec.parseList(OPERATORS));
        AtomicLong outputBytes = new AtomicLong();
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                outputBytes.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                outputBytes.addAndGet(len);
            }
        };
        JsonGenerator items = new JsonFactory(JSON).createGenerator(counting);
        items.setRootValueSeparator(null);
        PipelineBatches.Output<Row> output = (row, processed) -> writeItem(items, row, processed);
        CollectStats collected;
        Map<String, Double> threadCpu;
        try (InputStream in = Files.newInputStream(file);
             PipelineBatches<Row> batches = new PipelineBatches<>(pipeline, r -> r.node().get("text").textValue(),
                     Row::line, output, PipelineBatches.DEFAULT_BATCH, Runtime.getRuntime().availableProcessors())) {
            RowSink sink = new RowSink() {
                @Override
                public void accepted(String source, long line, ObjectNode row) {
                    try {
                        if (batched) {
                            batches.add(new Row(line, row));
                        } else {
                            writeItem(items, new Row(line, row), pipeline.process(row.get("text").textValue()));
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public void quarantined(String source, long line, String reason, String raw) {
                    // counted by the reader; the engine would store it
                }
            };
            collected = new RowReader().read(file.getFileName().toString(), in, sink);
            batches.finish();
            threadCpu = threadCpuSeconds();
        }
        items.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> figures = new LinkedHashMap<>(heap.stop());
        figures.put("seconds", seconds);
        System.gc();
        figures.put("retainedMb", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
        ProcessStats stats = pipeline.stats();
        figures.put("rows", collected.accepted() + collected.quarantined());
        figures.put("accepted", collected.accepted());
        figures.put("quarantined", collected.quarantined());
        figures.put("quarantinedByReason", collected.quarantinedByReason());
        figures.put("kept", stats.kept());
        figures.put("duplicates", stats.duplicates());
        figures.put("nearDuplicates", stats.nearDuplicates());
        figures.put("piiByKind", stats.piiByKind());
        figures.put("outputBytes", outputBytes.get());
        figures.put("nearIndex", pipeline.nearIndex().map(String::valueOf).orElse("none"));
        figures.put("threadCpuSeconds", threadCpu);
        return figures;
    }

    /** CPU seconds of the reading thread and of the pipeline's pool threads so far. */
    private static Map<String, Double> threadCpuSeconds() {
        var threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            if (info != null && (info.getThreadName().equals("main") || info.getThreadName().equals("process-prepare"))) {
                cpu.merge(info.getThreadName(), threads.getThreadCpuTime(id) / 1e9, Double::sum);
            }
        }
        return cpu;
    }

    /** A kept item as the process step sends it to the engine; a dropped one is not written. */
    private static void writeItem(JsonGenerator out, Row row, ProcessedText processed) throws IOException {
        if (processed.dropped()) {
            return;
        }
        ObjectNode meta = row.node().deepCopy();
        meta.remove("id");
        meta.remove("text");
        out.writeStartObject();
        out.writeNumberField("rawItemId", row.line());
        out.writeStringField("externalId", row.node().path("id").asText());
        out.writeStringField("text", processed.text());
        out.writeStringField("contentHash", processed.contentHash());
        out.writeObjectField("meta", meta);
        out.writeObjectField("pii", processed.pii());
        out.writeEndObject();
        out.writeRaw('\n');
    }

    /** Samples heap use every 5 ms; reads the collectors' counts and times. */
    private static final class HeapWatch {
        private final Thread sampler;
        private volatile boolean running = true;
        private volatile long peak;

        HeapWatch() {
            sampler = new Thread(() -> {
                while (running) {
                    peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
            sampler.start();
        }

        Map<String, Object> stop() throws InterruptedException {
            running = false;
            sampler.join();
            long count = 0;
            long ms = 0;
            List<String> names = new ArrayList<>();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                ms += Math.max(0, gc.getCollectionTime());
                names.add(gc.getName());
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                figures.put("cpuSeconds", sun.getProcessCpuTime() / 1e9);
            }
            figures.put("loadAverage", os.getSystemLoadAverage());
            figures.put("peakHeapMb", peak >> 20);
            figures.put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
            figures.put("gcCount", count);
            figures.put("gcMs", ms);
            figures.put("gc", String.join(" + ", names));
            return figures;
        }
    }
}
