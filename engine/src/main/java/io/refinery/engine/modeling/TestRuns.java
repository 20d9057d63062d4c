package io.refinery.engine.modeling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.dataset.DatasetVersions;
import io.refinery.engine.system.BlobStore;
import io.refinery.engine.system.CurrentUser;
import io.refinery.workflows.Vars;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What a test instance started from the designer needs to run its steps: a dataset version of its own (workers key
 * everything by {@code versionId}) and the variables a demand would have set, each overridable by the caller. With
 * {@code sample} = {@value #SAMPLE} (the default when the caller gives no {@code source}: 50 rows, no personal
 * data) or {@code customer-service} (2000 lines with duplicates and personal data, see the sample's README) the
 * shipped sample is uploaded as the version's source, so Collect has something to read.
 */
@Component
class TestRuns {
    static final String SAMPLE = "customer-service-small";
    static final String SAMPLE_VARIABLE = "sample";
    /** Samples a test instance may take as its source: name to (resource, file name). */
    private static final Map<String, String[]> SAMPLES = Map.of(
            SAMPLE, new String[] {"samples/customer-service/messages-small.csv", "messages-small.csv"},
            "customer-service", new String[] {"samples/customer-service/messages.jsonl", "messages.jsonl"});
    private static final String SAMPLE_LABELS = "billing,outage,installation,complaint,account";

    private final DatasetVersions datasets;
    private final BlobStore blobs;
    private final ObjectMapper json;

    TestRuns(DatasetVersions datasets, BlobStore blobs, ObjectMapper json) {
        this.datasets = datasets;
        this.blobs = blobs;
        this.json = json;
    }

    /** The variables to start with: the caller's, completed; creates the test version when none is given. */
    Map<String, Object> prepare(String processKey, Map<String, Object> given, CurrentUser user) {
        Map<String, Object> vars = new LinkedHashMap<>(defaults(processKey));
        vars.putAll(given);
        if (given.containsKey(Vars.VERSION_ID)) {
            return vars;
        }
        Object sample = vars.getOrDefault(SAMPLE_VARIABLE, given.containsKey(Vars.SOURCE) ? null : SAMPLE);
        if (sample != null && !SAMPLES.containsKey(sample.toString())) {
            throw io.refinery.engine.system.ApiException.badRequest("unknown sample '" + sample + "' (known: "
                    + String.join(", ", new java.util.TreeSet<>(SAMPLES.keySet())) + ")");
        }
        long datasetId = datasets.datasetIdFor((String) vars.get(Vars.NAME), (String) vars.get(Vars.TASK_TYPE), user.id());
        long versionId = datasets.insertVersion(datasetId, demandJson(vars), user.id());
        if (sample != null) {
            uploadSample(SAMPLES.get(sample.toString()), versionId, user);
            vars.put(Vars.SOURCE, "upload");
        }
        vars.remove(SAMPLE_VARIABLE);
        vars.put(Vars.DATASET_ID, datasetId);
        vars.put(Vars.VERSION_ID, versionId);
        return vars;
    }

    void attach(long versionId, String processInstanceId) {
        datasets.setProcessInstance(versionId, processInstanceId);
    }

    private static Map<String, Object> defaults(String processKey) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put(Vars.NAME, "designer-test-" + processKey);
        vars.put(Vars.TASK_TYPE, "text-classification");
        vars.put(Vars.LABEL_SET, SAMPLE_LABELS);
        vars.put(Vars.LABEL_RULES, "outage: outage|停电|断网\nbilling: bill|账单|refund");
        vars.put(Vars.TARGET_SIZE, 50L);
        vars.put(Vars.PACKAGE_SIZE, 10);
        vars.put(Vars.OVERLAP, 1);
        vars.put(Vars.LABEL_SLA, "P3D");
        vars.put(Vars.MAX_ROUNDS, 3);
        vars.put(Vars.ROUND, 1);
        vars.put(Vars.MIN_COMPLETENESS, 0.95);
        vars.put(Vars.MIN_AGREEMENT, 0.8);
        vars.put(Vars.MIN_KAPPA, 0.6);
        vars.put(Vars.MAX_DUPLICATE_RATE, 0.05);
        vars.put(Vars.MAX_SENSITIVE_RATIO, 0.01);
        return vars;
    }

    private String demandJson(Map<String, Object> vars) {
        Map<String, Object> demand = new LinkedHashMap<>();
        demand.put("name", vars.get(Vars.NAME));
        demand.put("description", "Test instance started from the process designer");
        demand.put("taskType", vars.get(Vars.TASK_TYPE));
        demand.put("labelSet", List.of(String.valueOf(vars.get(Vars.LABEL_SET)).split("\\s*,\\s*")));
        demand.put("labelRules", vars.get(Vars.LABEL_RULES));
        demand.put("targetSize", vars.get(Vars.TARGET_SIZE));
        demand.put("source", vars.getOrDefault(Vars.SOURCE, "upload"));
        demand.put("packageSize", vars.get(Vars.PACKAGE_SIZE));
        demand.put("overlap", vars.get(Vars.OVERLAP));
        demand.put("labelSla", vars.get(Vars.LABEL_SLA));
        demand.put("maxRounds", vars.get(Vars.MAX_ROUNDS));
        demand.put("createdAt", Instant.now().toString());
        try {
            return json.writeValueAsString(demand);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void uploadSample(String[] sample, long versionId, CurrentUser user) {
        try (InputStream in = TestRuns.class.getClassLoader().getResourceAsStream(sample[0])) {
            if (in == null) {
                throw new IllegalStateException(sample[0] + " is missing from the classpath");
            }
            BlobStore.Blob blob = blobs.put(in, Long.MAX_VALUE);
            datasets.insertSource(versionId, sample[1], blob.sha256(), blob.bytes(), user.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
