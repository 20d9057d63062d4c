package io.refinery.workers.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.demo.DemoBots;
import io.refinery.workers.demo.DemoRun;
import io.refinery.workers.release.ManifestVerifier;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 2: the engine JVM is SIGKILLed while annotators are labelling, and a new engine JVM starts on the same
 * H2 file and port. The worker reconnects by itself, the bots finish, and the release is complete and verified.
 */
class EngineKilledAndRestartedTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Children children;

    @AfterEach
    void killAll() {
        if (children != null) {
            children.close();
        }
    }

    static InputStream resource(String name) {
        InputStream in = EngineKilledAndRestartedTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name + " on the classpath").isNotNull();
        return in;
    }

    static Map<String, String> truth() throws Exception {
        Map<String, String> truth = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(DemoRun.ANSWERS), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            while ((line = reader.readLine()) != null) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    truth.put(line.substring(0, comma), line.substring(comma + 1).trim());
                }
            }
        }
        return truth;
    }

    @Test
    @Timeout(300)
    void engineSigkilledDuringLabellingRecoversOnTheSameH2File() throws Exception {
        JsonNode expected;
        try (InputStream in = resource("samples/customer-service/expected.json")) {
            expected = JSON.readTree(in);
        }
        Path data = dir.resolve("data");
        children = new Children(dir);
        boolean ok = false;
        try {
            Children.Child[] engine = {children.startEngine("engine-1", data, Duration.ofSeconds(120))};
            children.startWorker("w1");
            EngineApi manager = children.as("manager");
            JsonNode started = manager.postJson("/api/demands", DemoRun.demand("crash-engine-restart"));
            long v = started.path("versionId").asLong();
            String pi = started.path("processInstanceId").asText();
            try (InputStream sample = resource(DemoRun.SAMPLE)) {
                manager.putBytes("/api/versions/" + v + "/sources/messages.jsonl", sample.readAllBytes(),
                        "application/octet-stream");
            }
            children.approve(pi, Duration.ofSeconds(30));

            boolean[] restarted = {false};
            JsonNode release = children.driveToRelease(v, pi, new DemoBots(children.url, truth(), 4),
                    Duration.ofSeconds(240), labelTasksDone -> {
                        if (restarted[0] || labelTasksDone < 5) {
                            return false;
                        }
                        restarted[0] = true;
                        JsonNode before = manager.get("/api/versions/" + v).path("counts");
                        long t0 = System.nanoTime();
                        int exit = children.kill(engine[0]);
                        assertThat(exit).as("engine exit code after SIGKILL").isEqualTo(137);
                        System.out.printf("[crash] SIGKILLed engine (exit %d) after %d label tasks; counts %s%n", exit,
                                labelTasksDone, before);
                        engine[0] = children.startEngine("engine-2", data, Duration.ofSeconds(120));
                        System.out.printf("[crash] FIGURE engine restart (kill -> answering 401) took %d ms%n",
                                (System.nanoTime() - t0) / 1_000_000);
                        return true;
                    });
            assertThat(restarted[0]).as("engine was killed and restarted during labelling").isTrue();

            Path releaseDir = Path.of(release.path("path").asText());
            assertThat(ManifestVerifier.verify(releaseDir)).as("manifest checksums").isEmpty();
            List<String> lines = Files.readAllLines(releaseDir.resolve("data.jsonl"), StandardCharsets.UTF_8);
            assertThat(lines).hasSize(expected.path("itemsAfterDedup").asInt());
            System.out.printf("[crash] release %s: %d items, manifest verified%n", releaseDir, lines.size());
            ok = true;
        } finally {
            if (!ok) {
                children.printTails();
            }
        }
    }
}
