package io.refinery.workers.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.release.ManifestVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the shipped customer-service sample through a whole build against a running engine: the manager files
 * and approves the demand and uploads the file, bots label and review, and the release is checked against its
 * manifest. Exit code 0 only when a verified release exists.
 */
public final class DemoRun {
    private static final Logger log = LoggerFactory.getLogger(DemoRun.class);
    public static final String SAMPLE = "samples/customer-service/messages.jsonl";
    public static final String ANSWERS = "samples/customer-service/answers.csv";
    public static final List<String> INTENTS = List.of("billing", "outage", "installation", "complaint", "account");

    /** What the run produced. */
    public record Outcome(long versionId, String processInstanceId, String releasePath, JsonNode release) {
    }

    private final String engineUrl;
    private final Duration timeout;
    private final int firstRoundErrorPercent;

    public DemoRun(String engineUrl, Duration timeout) {
        this(engineUrl, timeout, 4);
    }

    /** @param firstRoundErrorPercent how often the annotator bots err in round 1 (4 % passes QC; 40 % fails it) */
    public DemoRun(String engineUrl, Duration timeout, int firstRoundErrorPercent) {
        this.engineUrl = engineUrl;
        this.timeout = timeout;
        this.firstRoundErrorPercent = firstRoundErrorPercent;
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : System.getenv().getOrDefault("REFINERY_ENGINE_URL", "http://localhost:8080");
        try {
            Outcome outcome = new DemoRun(url, Duration.ofMinutes(15)).run(demand("customer-service-intents"));
            System.out.println("RELEASED " + outcome.releasePath());
            System.exit(0);
        } catch (Exception e) {
            System.err.println("DEMO FAILED: " + e.getMessage());
            log.error("demo failed", e);
            System.exit(1);
        }
    }

    /** The demand the demo files: thresholds chosen for this sample's known composition (README of the sample). */
    public static Map<String, Object> demand(String name) {
        Map<String, Object> demand = new LinkedHashMap<>();
        demand.put("name", name);
        demand.put("description", "Intent classification of customer-service messages (Chinese and English)");
        demand.put("taskType", "text-classification");
        demand.put("labelSet", INTENTS);
        demand.put("labelRules", String.join("\n",
                "# label: keyword|keyword|re:regex (first match wins)",
                "outage: 停电|断网|没信号|outage|no signal|power cut|down",
                "billing: 账单|话费|扣费|bill|charge|invoice|refund",
                "installation: 安装|装机|上门|install|technician|appointment",
                "complaint: 投诉|不满|态度|complain|rude|unacceptable",
                "account: 账号|密码|实名|account|password|login"));
        demand.put("targetSize", 2000);
        demand.put("intendedUse", "Training and evaluating an intent classifier for customer-service routing; not for"
                + " decisions about individual customers.");
        demand.put("source", "upload");
        demand.put("packageSize", 100);
        demand.put("overlap", 2);
        demand.put("labelSla", "P3D");
        demand.put("maxRounds", 3);
        demand.put("thresholds", Map.of("minCompleteness", 0.95, "minAgreement", 0.80, "minKappa", 0.70,
                "maxDuplicateRate", 0.10, "maxSensitiveRatio", 0.05));
        return demand;
    }

    public Outcome run(Map<String, Object> demand) throws IOException, InterruptedException {
        EngineApi manager = new EngineApi(engineUrl, "manager", "manager");
        JsonNode started = manager.postJson("/api/demands", demand);
        long versionId = started.path("versionId").asLong();
        String pi = started.path("processInstanceId").asText();
        log.info("Filed demand '{}': version {}, process {}", demand.get("name"), versionId, pi);

        try (InputStream sample = resource(SAMPLE)) {
            manager.putBytes("/api/versions/" + versionId + "/sources/messages.jsonl", sample.readAllBytes(),
                    "application/octet-stream");
        }
        DemoBots bots = new DemoBots(engineUrl, truth(), firstRoundErrorPercent, 4);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean approved = false;
        while (System.nanoTime() < deadline) {
            for (JsonNode task : manager.get("/api/tasks")) {
                if (!pi.equals(task.path("processInstanceId").asText())) {
                    continue;
                }
                String kind = task.path("kind").asText();
                if ("approval".equals(kind) && !approved) {
                    manager.postJson("/api/tasks/" + task.path("id").asText() + "/complete",
                            Map.of("variables", Map.of("approved", true)));
                    approved = true;
                    log.info("Manager approved the demand");
                } else if ("decision".equals(kind)) {
                    log.warn("QC failed {} times: manager releases anyway", demand.get("maxRounds"));
                    manager.postJson("/api/tasks/" + task.path("id").asText() + "/complete",
                            Map.of("variables", Map.of("releaseAnyway", true)));
                }
            }
            int work = 0;
            for (String annotator : List.of("ann1", "ann2", "ann3")) {
                work += bots.annotate(annotator, pi);
            }
            work += bots.review("expert", pi);
            try {
                JsonNode release = manager.get("/api/versions/" + versionId + "/release");
                String path = release.path("path").asText();
                List<String> problems = ManifestVerifier.verify(Path.of(path));
                if (!problems.isEmpty()) {
                    throw new IOException("release " + path + " does not match its manifest: " + problems);
                }
                log.info("Released version {} at {} ({} items); manifest verified", release.path("label").asText(),
                        path, release.path("itemCount").asLong());
                return new Outcome(versionId, pi, path, release);
            } catch (EngineApi.ApiError notYet) {
                if (notYet.status() != 404) {
                    throw notYet;
                }
            }
            if (work == 0) {
                Thread.sleep(500);
            }
        }
        throw new IOException("no release after " + timeout.toSeconds() + " s; version " + versionId
                + " is at: " + manager.get("/api/versions/" + versionId).path("counts"));
    }

    /** The sample's true labels by message id (answers.csv), for the bots. */
    public static Map<String, String> truth() throws IOException {
        Map<String, String> truth = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(ANSWERS), StandardCharsets.UTF_8))) {
            String line = reader.readLine(); // header
            while ((line = reader.readLine()) != null) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    truth.put(line.substring(0, comma), line.substring(comma + 1).trim());
                }
            }
        }
        return truth;
    }

    static InputStream resource(String name) throws IOException {
        InputStream in = DemoRun.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("sample resource " + name + " is missing from the classpath");
        }
        return in;
    }
}
