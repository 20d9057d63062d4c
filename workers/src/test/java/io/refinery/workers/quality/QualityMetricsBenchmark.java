package io.refinery.workers.quality;

import io.refinery.workflows.ThresholdValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * QC metrics over a million labelled items (text classification, overlap 2, five classes, ten annotators) and
 * 100,000 pictures with boxes: items per second and the heap the accumulator keeps (after a GC, with it still
 * reachable): bounded, counters only, whatever the number of items.
 * Runs with {@code ./refinery bench workers} (-Pbench); prints and writes {@code target/bench-quality.md}.
 */
class QualityMetricsBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void qualityMetricsAtAMillionItems() throws IOException {
        List<String> labels = List.of("billing", "delivery", "refund", "complaint", "other");
        StringBuilder md = new StringBuilder("# QC metrics benchmark\n\n| run | items | seconds | items/s | heap kept by the metrics after GC, MB |\n|---|---|---|---|---|\n");
        for (int warm = 0; warm < 2; warm++) {
            long[] r = labelsRun(labels, 1_000_000);
            long[] b = boxesRun(100_000);
            if (warm == 1) {
                md.append(row("text-classification, overlap 2", 1_000_000, r));
                md.append(row("image-bbox, 3 boxes per annotator", 100_000, b));
            }
        }
        System.out.println(md);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "bench-quality.md"), md);
    }

    private static String row(String name, long items, long[] nanosAndPeak) {
        double s = nanosAndPeak[0] / 1e9;
        return String.format(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %.1f |%n", name, items, s, items / s,
                Math.max(0, nanosAndPeak[1]) / 1048576.0);
    }

    private static long[] labelsRun(List<String> labels, int n) {
        long before = used();
        long t0 = System.nanoTime();
        QualityMetrics m = new QualityMetrics("text-classification", labels, SensitiveTerms.of(List.of("机密")), Instant.now());
        for (int i = 0; i < n; i++) {
            String truth = labels.get(i % 5);
            String other = i % 11 == 0 ? labels.get((i + 1) % 5) : truth;
            int a = i % 10;
            m.accept(new ItemRecord(Integer.toString(i), Integer.toString(i / 100), "text " + i,
                    List.of(new Annotation(0, "ann" + a, truth), new Annotation(1, "ann" + (a + 1) % 10, other)),
                    truth, false));
        }
        m.result(ThresholdValues.defaults(), n, 0, 0);
        long nanos = System.nanoTime() - t0;
        long kept = used() - before;
        m.accept(new ItemRecord("last", "p", "t", List.of(), null, false)); // keeps m reachable until measured
        return new long[] {nanos, kept};
    }

    private static long[] boxesRun(int n) {
        JsonNode a = parse("{\"boxes\":[{\"x\":1,\"y\":1,\"w\":20,\"h\":20,\"label\":\"crack\"},"
                + "{\"x\":50,\"y\":5,\"w\":30,\"h\":10,\"label\":\"valve\"},{\"x\":90,\"y\":90,\"w\":5,\"h\":5,\"label\":\"crack\"}]}");
        JsonNode b = parse("{\"boxes\":[{\"x\":2,\"y\":1,\"w\":20,\"h\":20,\"label\":\"crack\"},"
                + "{\"x\":52,\"y\":5,\"w\":30,\"h\":10,\"label\":\"valve\"},{\"x\":10,\"y\":90,\"w\":5,\"h\":5,\"label\":\"crack\"}]}");
        long before = used();
        long t0 = System.nanoTime();
        QualityMetrics m = new QualityMetrics("image-bbox", List.of("crack", "valve"), SensitiveTerms.none(), Instant.now());
        for (int i = 0; i < n; i++) {
            m.accept(new ItemRecord(Integer.toString(i), Integer.toString(i / 50), i + ".png",
                    List.of(new Annotation(0, "ann" + i % 4, null, a), new Annotation(1, "ann" + (i + 1) % 4, null, b)),
                    null, a, false, null));
        }
        m.result(ThresholdValues.defaults(), n, 0, 0);
        long nanos = System.nanoTime() - t0;
        long kept = used() - before;
        m.accept(new ItemRecord("last", "p", "t", List.of(), null, false));
        return new long[] {nanos, kept};
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Heap in use after a full collection. */
    private static long used() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
