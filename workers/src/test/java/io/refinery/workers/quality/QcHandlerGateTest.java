package io.refinery.workers.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.runtime.Job;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Vars;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The QC step's variables through the real gate rules ({@code qc-gate.dmn}): an image-bbox build whose annotators
 * agree on the boxes is released (gated on IoU and box F1, not on labels); coverage short of k routes to collect-more.
 */
class QcHandlerGateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    /** An engine that answers from memory and keeps what QC posts. */
    private static final class FakeEngine extends EngineApi {
        final List<String> items;
        final List<Object> posted = new ArrayList<>();

        FakeEngine(List<String> items) {
            super("http://localhost:1", "worker", "worker");
            this.items = items;
        }

        @Override
        public JsonNode get(String path) {
            return JSON.createObjectNode().set("stats", tree("{\"collect\":{\"accepted\":4},\"process\":{\"duplicates\":0}}"));
        }

        @Override
        public long streamNdjson(String path, RecordSink sink) throws java.io.IOException {
            if (path.endsWith("/qc-items")) {
                for (String line : items) {
                    sink.accept(tree(line));
                }
                return items.size();
            }
            return 0; // no gold answered
        }

        @Override
        public JsonNode postJson(String path, Object body) {
            posted.add(body);
            return tree("{\"reworkTaskCount\":0,\"round\":1}");
        }
    }

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String boxItem(int id, String label, int shift) {
        String a = "{\"boxes\":[{\"x\":10,\"y\":10,\"w\":40,\"h\":40,\"label\":\"" + label + "\"}]}";
        String b = "{\"boxes\":[{\"x\":" + (10 + shift) + ",\"y\":10,\"w\":40,\"h\":40,\"label\":\"" + label + "\"}]}";
        return "{\"itemId\":" + id + ",\"packageId\":1,\"round\":1,\"text\":\"s" + id + ".png\",\"annotations\":["
                + "{\"slot\":1,\"annotator\":\"ann1\",\"label\":null,\"value\":" + a + "},"
                + "{\"slot\":2,\"annotator\":\"ann2\",\"label\":null,\"value\":" + b + "}],"
                + "\"finalLabel\":null,\"rejected\":false,\"finalValue\":" + a + ",\"meta\":{}}";
    }

    private static Map<String, Object> run(List<String> items, Map<String, Object> demand) throws Exception {
        Map<String, Object> vars = new HashMap<>(demand);
        vars.put(Vars.VERSION_ID, 7L);
        vars.put(Vars.ROUND, 1);
        vars.put(Vars.OVERLAP, 2);
        vars.put(Vars.MAX_ROUNDS, 3);
        Map<String, Object> out = new QcHandler(new FakeEngine(items), SensitiveTerms.none())
                .handle(new Job("job-1", "refinery.qc", "pi-1", null, 3, vars));
        vars.putAll(out);
        return vars;
    }

    private static Map<String, Object> gate(Map<String, Object> vars) throws Exception {
        try (InputStream in = QcHandlerGateTest.class.getClassLoader().getResourceAsStream("processes/qc-gate.dmn")) {
            DmnDecision decision = DMN.parseDecision(Processes.QC_DECISION_KEY, in);
            return DMN.evaluateDecisionTable(decision, vars).getSingleResult().getEntryMap();
        }
    }

    @Test
    void boxesThatAgreeAreReleasedThoughNoLabelWasGiven() throws Exception {
        Map<String, Object> demand = Map.of(Vars.TASK_TYPE, "image-bbox", Vars.LABEL_SET, "crack,valve",
                Vars.MIN_AGREEMENT, 0.8, Vars.MIN_COMPLETENESS, 0.95);
        // 2 px apart: IoU 38·40 / (2·1600 − 1520) = 0.905
        Map<String, Object> vars = run(List.of(boxItem(1, "crack", 2), boxItem(2, "valve", 0)), demand);

        assertThat(vars).containsEntry(Vars.METRIC_KAPPA, null).containsEntry(Vars.METRIC_ALPHA, null)
                .containsEntry(Vars.QC_PASSED, true).containsEntry(Vars.QC_FAILED_CHECKS, "")
                .containsEntry(Vars.MIN_IOU, 0.5).containsEntry(Vars.MIN_CLASS_COUNT, 1.0);
        assertThat((Double) vars.get(Vars.METRIC_IOU)).isGreaterThan(0.9);
        assertThat(vars.get(Vars.METRIC_AGREEMENT)).isEqualTo(1.0);
        assertThat(gate(vars)).containsEntry("passed", true).containsEntry("route", "release");
    }

    @Test
    void boxesThatMissEachOtherFailOnIouAndAClassWithoutItemsAsksForMoreData() throws Exception {
        Map<String, Object> demand = Map.of(Vars.TASK_TYPE, "image-bbox", Vars.LABEL_SET, "crack,valve,person");
        // 30 px apart: IoU 10·40 / (3200 − 400) = 0.143, matched but no hit
        Map<String, Object> vars = run(List.of(boxItem(1, "crack", 30), boxItem(2, "valve", 30)), demand);

        assertThat((String) vars.get(Vars.QC_FAILED_CHECKS)).contains("agreement", "iou", "minClassCount");
        assertThat(vars).containsEntry(Vars.COLLECT_CLASSES, "person");
        assertThat(gate(vars)).containsEntry("passed", false).containsEntry("route", "collect-more");
        vars.put(Vars.MIN_CLASS_COUNT, 0.0);
        vars.put(Vars.REWORK_TASK_COUNT, 2);
        assertThat(gate(vars)).as("then the failing package").containsEntry("route", "rework");
    }
}
