package io.refinery.workers.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.demo.DemoBots;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 1: worker A is SIGKILLed while the process step has stored some but not all items; worker B redoes
 * the step. No item may be stored twice, and the release has each distinct (normalized) text exactly once.
 */
class WorkerKilledDuringProcessTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int ROWS = 30_000;
    static final int DISTINCT_EVERY = 10; // a new distinct text every 10th row, the others are variants of earlier ones
    static final List<String> LABELS = List.of("alpha", "beta", "gamma");
    static final Pattern WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}+");

    @TempDir
    Path dir;
    Children children;

    @AfterEach
    void killAll(TestInfo info) {
        if (children != null) {
            children.close();
        }
    }

    static String normalize(String s) {
        return WHITE_SPACE.matcher(Normalizer.normalize(s, Normalizer.Form.NFKC)).replaceAll(" ").strip();
    }

    static String canonical(int k) {
        String label = LABELS.get(k % LABELS.size());
        return "customer note " + k + " concerning " + label + " matters, kind " + (k * 7919 % 1000);
    }

    /** A variant that normalizes to the canonical text: full-width digits, odd spaces, padding. */
    static String variant(int k, Random random) {
        String c = canonical(k);
        return switch (random.nextInt(5)) {
            case 0 -> c;
            case 1 -> "  " + c.replace(" ", "\u00a0 ") + "\t";
            case 2 -> toFullWidthDigits(c);
            case 3 -> c.replace(" concerning ", "\u3000concerning\n\n");
            default -> "\u2003" + toFullWidthDigits(c).replace(" ", "  ");
        };
    }

    static String toFullWidthDigits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            b.append(ch >= '0' && ch <= '9' ? (char) ('\uff10' + (ch - '0')) : ch);
        }
        return b.toString();
    }

    @Test
    @Timeout(300)
    void workerKilledMidProcessLeavesNoDuplicates() throws Exception {
        // ---- input: ROWS rows, ROWS / DISTINCT_EVERY distinct texts after normalization, spread over the file
        Random random = new Random(42);
        Map<String, String> truth = new HashMap<>();
        Set<String> distinct = new HashSet<>();
        StringBuilder jsonl = new StringBuilder();
        for (int r = 0; r < ROWS; r++) {
            int k = r / DISTINCT_EVERY;
            String text = r % DISTINCT_EVERY == 0 ? canonical(k) : variant(random.nextInt(k + 1), random);
            String id = "r" + r;
            int labelOf = Integer.parseInt(normalize(text).split(" ")[2]) % LABELS.size();
            truth.put(id, LABELS.get(labelOf));
            distinct.add(normalize(text));
            jsonl.append(JSON.writeValueAsString(Map.of("id", id, "text", text))).append('\n');
        }
        Path input = dir.resolve("crash-input.jsonl");
        Files.writeString(input, jsonl, StandardCharsets.UTF_8);
        System.out.printf("[crash] input: %d rows, %d distinct normalized texts%n", ROWS, distinct.size());

        children = new Children(dir);
        boolean ok = false;
        try {
            children.startEngine("engine", dir.resolve("data"), Duration.ofSeconds(120));
            EngineApi manager = children.as("manager");
            String rules = "alpha: alpha\nbeta: beta\ngamma: gamma";
            JsonNode started = manager.postJson("/api/demands",
                    Children.demand("crash-process", LABELS, rules, 200));
            long v = started.path("versionId").asLong();
            String pi = started.path("processInstanceId").asText();
            manager.putFile("/api/versions/" + v + "/sources/x.jsonl", input);
            Children.Child a = children.startWorker("wA");
            children.approve(pi, Duration.ofSeconds(30));

            // ---- SIGKILL worker A as soon as the process step has stored items but not finished
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long killedAt = 0;
            while (System.nanoTime() < deadline) {
                JsonNode version = manager.get("/api/versions/" + v);
                long items = Children.count(version, "items");
                boolean processDone = version.path("stats").has("process");
                if (processDone) {
                    throw new AssertionError("the process step finished (items " + items + ") before worker A could"
                            + " be killed; make the input larger. Version: " + version);
                }
                if (items > 0) {
                    int exit = children.kill(a);
                    killedAt = System.nanoTime();
                    assertThat(exit).as("exit code of SIGKILL").isEqualTo(137);
                    JsonNode after = manager.get("/api/versions/" + v);
                    System.out.printf("[crash] SIGKILLed worker A (exit %d) with %d of %d items stored, process stats"
                            + " present after kill: %s%n", exit, items, distinct.size(), after.path("stats").has("process"));
                    assertThat(after.path("stats").has("process")).as("process finished while killing").isFalse();
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(killedAt).as("worker A killed during process").isPositive();

            children.startWorker("wB");
            long processDoneAt = 0;
            while (System.nanoTime() < deadline) {
                JsonNode version = manager.get("/api/versions/" + v);
                if (processDoneAt == 0 && version.path("stats").has("process")) {
                    processDoneAt = System.nanoTime();
                    System.out.printf("[crash] FIGURE process step completed %d ms after the kill (worker B, incl. its"
                            + " JVM start)%n", (processDoneAt - killedAt) / 1_000_000);
                }
                if (version.path("stats").has("prelabel")) {
                    break;
                }
                Thread.sleep(200);
            }
            JsonNode version = manager.get("/api/versions/" + v);
            assertThat(version.path("stats").has("prelabel")).as("reached labelling: " + version).isTrue();
            assertThat(Children.count(version, "items")).isEqualTo(distinct.size());
            assertThat(version.path("stats").path("process").path("kept").asLong()).isEqualTo(distinct.size());

            List<String> texts = new ArrayList<>();
            children.as("admin").streamNdjson("/api/versions/" + v + "/items", item -> texts.add(item.path("text").asText()));
            assertThat(texts).hasSize(distinct.size()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(texts)).isEqualTo(distinct);

            long labelStart = System.nanoTime();
            JsonNode release = children.driveToRelease(v, pi, new DemoBots(children.url, truth, 0),
                    Duration.ofSeconds(200), null);
            System.out.printf("[crash] labelling to release took %d ms%n", (System.nanoTime() - labelStart) / 1_000_000);
            Path data = Path.of(release.path("path").asText()).resolve("data.jsonl");
            List<String> lines = Files.readAllLines(data, StandardCharsets.UTF_8);
            List<String> released = new ArrayList<>();
            for (String line : lines) {
                released.add(JSON.readTree(line).path("text").asText());
            }
            assertThat(released).hasSize(distinct.size()).doesNotHaveDuplicates();
            ok = true;
        } finally {
            if (!ok) {
                children.printTails();
            }
        }
    }
}
