package io.refinery.workers.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Annotator and expert bots. They label from a ground-truth table with a small, deterministic error rate per
 * person, so that the two labels of an item sometimes disagree and the expert has real work.
 */
public final class DemoBots {
    private static final Logger log = LoggerFactory.getLogger(DemoBots.class);

    private final String engineUrl;
    private final Map<String, String> truth;
    private final int errorPercent;
    private final int firstRoundErrorPercent;

    public DemoBots(String engineUrl, Map<String, String> truth, int errorPercent) {
        this(engineUrl, truth, errorPercent, errorPercent);
    }

    /** Bots that make {@code firstRoundErrorPercent} % errors in round 1 (to exercise the QC loop), then fewer. */
    public DemoBots(String engineUrl, Map<String, String> truth, int firstRoundErrorPercent, int errorPercent) {
        this.engineUrl = engineUrl;
        this.truth = truth;
        this.errorPercent = errorPercent;
        this.firstRoundErrorPercent = firstRoundErrorPercent;
    }

    EngineApi as(String user) {
        return new EngineApi(engineUrl, user, user);
    }

    /** One pass of an annotator over the label tasks of a process instance; returns the number of tasks done. */
    public int annotate(String user, String processInstanceId) throws IOException {
        EngineApi api = as(user);
        int done = 0;
        for (JsonNode task : api.get("/api/tasks")) {
            if (!"label".equals(task.path("kind").asText()) || !processInstanceId.equals(task.path("processInstanceId").asText())) {
                continue;
            }
            String taskId = task.path("id").asText();
            if (task.path("assignee").isNull() || task.path("assignee").isMissingNode()) {
                try {
                    api.postJson("/api/tasks/" + taskId + "/claim", Map.of());
                } catch (EngineApi.ApiError e) {
                    if (e.status() == 409 || e.status() == 403) {
                        continue; // taken meanwhile, or this package's other slot is ours already
                    }
                    throw e;
                }
            } else if (!user.equals(task.path("assignee").asText())) {
                continue;
            }
            JsonNode pkg = api.get("/api/tasks/" + taskId + "/package");
            List<String> labels = api.json().convertValue(pkg.path("labelSet"),
                    api.json().getTypeFactory().constructCollectionType(List.class, String.class));
            int round = pkg.path("round").asInt();
            for (JsonNode item : pkg.path("items")) {
                if (!item.path("answer").isNull() && !item.path("answer").isMissingNode()) {
                    continue; // answered before (autosaved): resume after it
                }
                String label = answer(user + "#" + round, round == 1 ? firstRoundErrorPercent : errorPercent,
                        item.path("externalId").asText(), item.path("prelabel").asText(null), labels);
                api.putJson("/api/tasks/" + taskId + "/items/" + item.path("itemId").asLong() + "/annotation",
                        Map.of("label", label));
            }
            api.postJson("/api/tasks/" + taskId + "/complete", Map.of());
            done++;
        }
        return done;
    }

    /** The expert settles every disagreement with the true label. */
    public int review(String user, String processInstanceId) throws IOException {
        EngineApi api = as(user);
        int done = 0;
        for (JsonNode task : api.get("/api/tasks")) {
            if (!"review".equals(task.path("kind").asText()) || !processInstanceId.equals(task.path("processInstanceId").asText())) {
                continue;
            }
            String taskId = task.path("id").asText();
            int decided = 0;
            for (JsonNode item : api.get("/api/tasks/" + taskId + "/review?disagreementsOnly=true")) {
                String text = item.path("text").asText();
                String right = truthForText(item, text);
                boolean oneIsRight = false;
                for (JsonNode a : item.path("annotations")) {
                    oneIsRight |= a.path("label").asText().equals(right);
                }
                api.putJson("/api/tasks/" + taskId + "/items/" + item.path("itemId").asLong() + "/review",
                        Map.of("decision", oneIsRight ? "accept" : "fix", "label", right));
                decided++;
            }
            api.postJson("/api/tasks/" + taskId + "/complete", Map.of());
            log.info("Expert {} settled {} disagreements", user, decided);
            done++;
        }
        return done;
    }

    private String truthForText(JsonNode reviewItem, String text) {
        String externalId = reviewItem.path("externalId").asText(null);
        if (externalId != null && truth.containsKey(externalId)) {
            return truth.get(externalId);
        }
        // the review view carries the answers; without an id the majority of them is the best guess
        return reviewItem.path("annotations").path(0).path("label").asText();
    }

    String answer(String user, int errorPercent, String externalId, String prelabel, List<String> labels) {
        String right = truth.get(externalId);
        if (right == null) {
            right = prelabel != null && labels.contains(prelabel) ? prelabel : labels.get(0);
        }
        int h = hash(user + "/" + externalId);
        if (h % 100 < errorPercent) {
            return labels.get((labels.indexOf(right) + 1 + (h / 100) % (labels.size() - 1)) % labels.size());
        }
        return right;
    }

    private static int hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return ((d[0] & 0x7f) << 24 | (d[1] & 0xff) << 16 | (d[2] & 0xff) << 8 | (d[3] & 0xff));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
