package io.refinery.engine.tasks;

import io.refinery.workflows.Vars;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import io.refinery.engine.dataset.ItemRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Builds that look real to the inbox without running collect and QC: a dataset version with packages, items and
 * label assignments in our tables, and a process of a small BPMN whose tasks carry the ids of the real steps
 * ({@code label} ×N with round and assignmentIndex, {@code expertReview}, {@code demandApproval}).
 */
public final class InboxFixture {
    static final String PROCESS = "inbox-fixture";
    private static final String BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                         targetNamespace="http://refinery.io/test">
              <process id="inbox-fixture" isExecutable="true" camunda:historyTimeToLive="P1D">
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
                <parallelGateway id="fork"/>
                <sequenceFlow id="f2" sourceRef="fork" targetRef="label"/>
                <sequenceFlow id="f3" sourceRef="fork" targetRef="expertReview"/>
                <sequenceFlow id="f4" sourceRef="fork" targetRef="demandApproval"/>
                <userTask id="label" name="Label work package / 标注工作包" camunda:candidateGroups="${group}"
                          camunda:dueDate="${due}" camunda:priority="${priority}">
                  <extensionElements>
                    <camunda:inputOutput><camunda:inputParameter name="round">${round}</camunda:inputParameter></camunda:inputOutput>
                    <camunda:taskListener expression="${task.setVariableLocal(&quot;assignmentIndex&quot;, loopCounter)}" event="create"/>
                  </extensionElements>
                  <multiInstanceLoopCharacteristics><loopCardinality>${labelTaskCount}</loopCardinality></multiInstanceLoopCharacteristics>
                </userTask>
                <userTask id="expertReview" name="Expert review / 专家审核" camunda:candidateGroups="experts"
                          camunda:dueDate="${due}" camunda:priority="${priority}"/>
                <userTask id="demandApproval" name="Approve demand / 审批需求" camunda:candidateGroups="managers"
                          camunda:dueDate="${due}" camunda:priority="${priority}"/>
                <sequenceFlow id="f5" sourceRef="label" targetRef="end1"/>
                <sequenceFlow id="f6" sourceRef="expertReview" targetRef="end2"/>
                <sequenceFlow id="f7" sourceRef="demandApproval" targetRef="end3"/>
                <endEvent id="end1"/><endEvent id="end2"/><endEvent id="end3"/>
              </process>
            </definitions>
            """;

    public record Build(long versionId, String processInstanceId, List<Long> packageIds) {
    }

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;

    public InboxFixture(RepositoryService repository, RuntimeService runtime, JdbcTemplate jdbc) {
        this.repository = repository;
        this.runtime = runtime;
        this.jdbc = jdbc;
    }

    public void deploy() {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS).count() == 0) {
            repository.createDeployment().name(PROCESS).addString(PROCESS + ".bpmn", BPMN).deploy();
        }
    }

    /** A build of {@code packages} packages × {@code overlap} label tasks offered to {@code group}. */
    public Build build(String dataset, String group, int packages, int overlap, int round, int itemsPerPackage, Instant due,
                int priority) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("INSERT INTO dataset (name, task_type, created_by, created_at) VALUES (?, 'text-classification', 'test', ?)",
                dataset, now);
        long datasetId = jdbc.queryForObject("SELECT id FROM dataset WHERE name = ?", Long.class, dataset);
        jdbc.update("INSERT INTO dataset_version (dataset_id, status, demand_json, created_by, created_at)"
                + " VALUES (?, 'LABELING', '{}', 'test', ?)", datasetId, now);
        long versionId = jdbc.queryForObject("SELECT MAX(id) FROM dataset_version WHERE dataset_id = ?", Long.class, datasetId);
        List<Object[]> rows = new ArrayList<>();
        for (int seq = 1; seq <= packages; seq++) {
            rows.add(new Object[] {versionId, seq, Math.max(itemsPerPackage, 1)});
        }
        jdbc.batchUpdate("INSERT INTO work_package (version_id, seq, item_count) VALUES (?, ?, ?)", rows);
        List<Long> packageIds = jdbc.queryForList("SELECT id FROM work_package WHERE version_id = ? ORDER BY seq",
                Long.class, versionId);
        rows.clear();
        int idx = 0;
        for (long packageId : packageIds) {
            for (int slot = 1; slot <= overlap; slot++) {
                rows.add(new Object[] {versionId, round, idx++, packageId, slot});
            }
        }
        jdbc.batchUpdate("INSERT INTO label_assignment (version_id, round, idx, package_id, slot) VALUES (?, ?, ?, ?, ?)", rows);
        if (itemsPerPackage > 0) {
            items(versionId, packageIds, itemsPerPackage);
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.VERSION_ID, versionId);
        vars.put(Vars.NAME, dataset);
        vars.put(Vars.ROUND, round);
        vars.put(Vars.LABEL_SET, "positive,negative,neutral");
        vars.put(Vars.LABEL_TASK_COUNT, packages * overlap);
        vars.put("group", group);
        vars.put("due", due == null ? null : Date.from(due));
        vars.put("priority", priority);
        String pi = runtime.startProcessInstanceByKey(PROCESS, vars).getId();
        jdbc.update("UPDATE dataset_version SET process_instance_id = ? WHERE id = ?", pi, versionId);
        return new Build(versionId, pi, packageIds);
    }

    private void items(long versionId, List<Long> packageIds, int perPackage) {
        List<Object[]> raw = new ArrayList<>();
        int line = 0;
        for (int p = 0; p < packageIds.size(); p++) {
            for (int i = 0; i < perPackage; i++) {
                raw.add(new Object[] {versionId, ++line, "{\"text\":\"item " + line + "\"}"});
            }
        }
        jdbc.batchUpdate("INSERT INTO raw_item (version_id, source, line_no, payload) VALUES (?, 'f.jsonl', ?, ?)", raw);
        List<Long> rawIds = jdbc.queryForList("SELECT id FROM raw_item WHERE version_id = ? ORDER BY line_no", Long.class, versionId);
        List<Object[]> items = new ArrayList<>();
        int n = 0;
        for (long packageId : packageIds) {
            for (int pos = 0; pos < perPackage; pos++, n++) {
                items.add(new Object[] {versionId, rawIds.get(n), n + 1, "e" + (n + 1), "item text " + (n + 1),
                        versionId + "-" + (n + 1)});
            }
        }
        jdbc.batchUpdate("INSERT INTO item (version_id, raw_item_id, source, line_no, external_id, text, content_hash)"
                + " VALUES (?, ?, 'f.jsonl', ?, ?, ?, ?)", items);
        // each package holds the next perPackage items in id order, as the platform cuts them
        List<Long> itemIds = jdbc.queryForList("SELECT id FROM item WHERE version_id = ? ORDER BY id", Long.class,
                versionId);
        List<Object[]> runs = new ArrayList<>();
        for (int p = 0; p < packageIds.size(); p++) {
            runs.add(new Object[] {itemIds.get(p * perPackage), itemIds.get((p + 1) * perPackage - 1), packageIds.get(p)});
        }
        jdbc.batchUpdate("UPDATE work_package SET first_item_id = ?, last_item_id = ? WHERE id = ?", runs);
        recount(jdbc, versionId);
    }

    /**
     * Sets the version's running counts ({@code version_count}) from its rows, as the platform's own writes keep
     * them: for fixtures that insert rows straight into the tables.
     */
    public static void recount(JdbcTemplate jdbc, long versionId) {
        jdbc.update("DELETE FROM version_count WHERE version_id = ?", versionId);
        jdbc.update("""
                INSERT INTO version_count (version_id, raw_items, quarantined, items, labelled)
                SELECT CAST(? AS BIGINT), (SELECT COUNT(*) FROM raw_item WHERE version_id = ?),
                       (SELECT COUNT(*) FROM quarantine WHERE version_id = ?),
                       (SELECT COUNT(*) FROM item WHERE version_id = ?),
                       (SELECT COUNT(*) FROM item WHERE version_id = ? AND""" + ItemRepository.HAS_ANSWER + ")",
                versionId, versionId, versionId, versionId, versionId);
    }
}
