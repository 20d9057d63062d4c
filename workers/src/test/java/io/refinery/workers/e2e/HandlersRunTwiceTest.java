package io.refinery.workers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.WorkerMain;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.demo.DemoRun;
import io.refinery.workers.runtime.Job;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock can expire and a job be delivered again. After a whole build, every handler runs once more with the
 * build's variables: nothing is stored twice, no figure changes, the sealed release stays byte for byte.
 */
class HandlersRunTwiceTest {

    @Test
    void everyHandlerRunAgainLeavesTheSameEndState(@TempDir Path data) throws Exception {
        try (TestPlatform platform = TestPlatform.h2(data)) {
            DemoRun.Outcome outcome = EndToEndChecks.runDemo(platform, "customer-service-twice");
            long v = outcome.versionId();
            EngineApi admin = platform.as("admin");
            JsonNode before = admin.get("/api/versions/" + v).path("counts");
            byte[] manifest = Files.readAllBytes(Path.of(outcome.releasePath(), "manifest.json"));

            Map<String, Object> vars = new HashMap<>();
            for (JsonNode var : admin.get("/engine-rest/history/variable-instance?processInstanceIdIn="
                    + outcome.processInstanceId())) {
                if (var.path("activityInstanceId").asText().equals(outcome.processInstanceId())) {
                    vars.put(var.path("name").asText(), admin.json().convertValue(var.path("value"), Object.class));
                }
            }
            EngineApi worker = platform.as("worker");
            List<TopicHandler> handlers = WorkerMain.handlers(worker, null, data.resolve("again"));
            Map<String, Map<String, Object>> results = new HashMap<>();
            for (TopicHandler handler : handlers) {
                if (!Topics.ALL.contains(handler.topic())) {
                    continue; // steps of other processes (drift check): not part of this build
                }
                Job job = new Job("again-" + handler.topic(), handler.topic(), outcome.processInstanceId(), null, 1, vars);
                results.put(handler.topic(), handler.handle(job));
            }

            JsonNode after = admin.get("/api/versions/" + v).path("counts");
            assertThat(after).isEqualTo(before);
            assertThat(Files.readAllBytes(Path.of(outcome.releasePath(), "manifest.json"))).isEqualTo(manifest);
            assertThat(results.get("refinery.release").get("releasePath")).isEqualTo(outcome.releasePath());
            assertThat(((Number) results.get(Topics.PLAN_ROUND).get(Vars.LABEL_TASK_COUNT)).intValue())
                    .as("the plan-round step run again plans the same round").isEqualTo(((Number) vars.get(Vars.LABEL_TASK_COUNT)).intValue());
            assertThat(admin.get("/api/releases")).hasSize(1);
            EndToEndChecks.assertRelease(outcome);
        }
    }
}
