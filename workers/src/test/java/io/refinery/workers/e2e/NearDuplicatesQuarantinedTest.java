package io.refinery.workers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.demo.DemoRun;
import io.refinery.workers.process.ProcessHandler;
import io.refinery.workers.runtime.Job;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process step with {@code dedup-near} against a real engine over HTTP: a near-duplicate is not stored as an
 * item but quarantined (step {@code process}) with the raw item it repeats, counted as {@code nearDuplicates} in
 * the step's figures with the pair listed; running the step again changes nothing.
 */
class NearDuplicatesQuarantinedTest {

    private static final String FIRST = "您好，我上周一买的蓝牙耳机到现在还没有发货，页面上一直显示待出库，客服也没有回复。"
            + "能帮我催一下仓库吗？这是送给朋友的生日礼物，周末之前必须收到。我的电话是13812345678，谢谢。";

    @Test
    void nearDuplicatesGoToQuarantineNamingTheItemTheyRepeat(@TempDir Path data) throws Exception {
        try (TestPlatform platform = TestPlatform.h2(data)) {
            EngineApi manager = platform.as("manager");
            EngineApi worker = platform.as("worker");
            JsonNode started = manager.postJson("/api/demands", DemoRun.demand("near-duplicates"));
            long v = started.path("versionId").asLong();
            List<String> texts = List.of(FIRST,
                    "请问这款耳机支持降噪吗？有没有白色的？",
                    " " + FIRST.replace("，", ", ") + "！！",
                    FIRST + " ",
                    FIRST.replace("周末", "周日"));
            StringBuilder raw = new StringBuilder();
            for (int i = 0; i < texts.size(); i++) {
                raw.append(worker.json().writeValueAsString(Map.of("source", "m.jsonl", "line", i + 1,
                        "payload", Map.of("id", "m" + (i + 1), "text", texts.get(i))))).append('\n');
            }
            worker.postNdjson("/api/versions/" + v + "/raw-items", raw.toString().getBytes(StandardCharsets.UTF_8));
            Map<Long, Long> rawIdByLine = new LinkedHashMap<>();
            worker.streamNdjson("/api/versions/" + v + "/raw-items",
                    r -> rawIdByLine.put(r.path("line").asLong(), r.path("rawItemId").asLong()));

            Map<String, Object> vars = Map.of(Vars.VERSION_ID, v, Vars.TASK_TYPE, "text-classification",
                    ProcessHandler.OPERATORS, "normalize, dedup, dedup-near, mask-pii");
            Job job = new Job("near", Topics.PROCESS, started.path("processInstanceId").asText(), null, 1, vars);
            Map<String, Object> result = new ProcessHandler(worker).handle(job);

            JsonNode stats = manager.get("/api/versions/" + v).path("stats").path("process");
            assertThat(stats.path("input").asLong()).isEqualTo(5);
            assertThat(stats.path("duplicates").asLong()).as("line 4: white space only").isEqualTo(1);
            assertThat(stats.path("nearDuplicates").asLong()).as("lines 3 and 5").isEqualTo(2);
            assertThat(stats.path("kept").asLong()).isEqualTo(2);
            assertThat(result.get(Vars.ITEM_COUNT)).isEqualTo(2L);
            JsonNode pair = stats.path("nearDuplicatePairs").get(0);
            assertThat(pair.path("rawItemId").asLong()).isEqualTo(rawIdByLine.get(3L));
            assertThat(pair.path("of").asLong()).isEqualTo(rawIdByLine.get(1L));
            assertThat(stats.path("nearDuplicatePairs")).hasSize(2);

            List<JsonNode> quarantined = quarantine(manager, v);
            assertThat(quarantined).hasSize(2);
            assertThat(quarantined.get(0).path("step").asText()).isEqualTo("process");
            assertThat(quarantined.get(0).path("line").asLong()).isEqualTo(3);
            assertThat(quarantined.get(0).path("reason").asText())
                    .isEqualTo("near-duplicate of raw item " + rawIdByLine.get(1L) + " (estimated similarity 1.00)");
            assertThat(quarantined.get(0).path("raw").asText()).as("stored masked").contains("[PHONE]")
                    .doesNotContain("13812345678");
            assertThat(quarantined.get(1).path("reason").asText())
                    .startsWith("near-duplicate of raw item " + rawIdByLine.get(1L) + " (estimated similarity 0.");
            List<String> kept = new ArrayList<>();
            manager.streamNdjson("/api/versions/" + v + "/items", item -> kept.add(item.path("externalId").asText()));
            assertThat(kept).containsExactly("m1", "m2");

            new ProcessHandler(worker).handle(job);
            assertThat(quarantine(manager, v)).as("run again: nothing stored twice").hasSize(2);
            assertThat(manager.get("/api/versions/" + v).path("stats").path("process")).isEqualTo(stats);
        }
    }

    private static List<JsonNode> quarantine(EngineApi api, long v) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        api.streamNdjson("/api/versions/" + v + "/quarantine", rows::add);
        return rows;
    }
}
