package io.refinery.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.support.ApiCalls;
import io.refinery.workflows.api.WorkerApi;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A running step's progress as its worker reports it: each report overwrites the last, readers see it on the version
 * and the demand's page reads it; only workers (and admins) report, and a report that makes no sense is refused.
 */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/step-progress",
                "spring.datasource.url=jdbc:h2:mem:step-progress;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
class StepProgressApiTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    DatasetRepository datasets;
    @Autowired
    DemandList demands;

    @Test
    void theLastReportOfEachStepIsWhatReadersSee() throws Exception {
        long versionId = datasets.insertVersion(datasets.datasetIdFor("progress-" + System.nanoTime(),
                "text-classification", "manager"), "{}", "manager");
        ApiCalls api = new ApiCalls(port);
        String path = WorkerApi.progress(versionId, "collect");

        assertThat(api.call("PUT", path, "worker", new WorkerApi.Progress(1000, 4096, 40960, "bytes", 500.0, 18L,
                true)).status()).isEqualTo(204);
        assertThat(api.call("PUT", path, "worker", new WorkerApi.Progress(5000, 20480, 40960, "bytes", 2000.0, 5L,
                true)).status()).isEqualTo(204);
        assertThat(api.call("PUT", WorkerApi.progress(versionId, "process"), "worker",
                new WorkerApi.Progress(10, 10, 0, "rows", 10.0, null, false)).status()).isEqualTo(204);

        JsonNode progress = api.call("GET", WorkerApi.version(versionId), "manager", null).body().path("progress");
        assertThat(progress.path("collect").path("rows").asLong()).isEqualTo(5000);
        assertThat(progress.path("collect").path("secondsLeft").asLong()).isEqualTo(5);
        assertThat(progress.path("collect").path("running").asBoolean()).isTrue();
        assertThat(progress.path("collect").path("updatedAt").asText()).isNotBlank();
        assertThat(progress.path("process").path("running").asBoolean()).isFalse();

        List<DemandList.StepProgress> steps = demands.stepProgress(versionId);
        assertThat(steps).extracting(DemandList.StepProgress::step).containsExactlyInAnyOrder("collect", "process");
        DemandList.StepProgress collect = steps.stream().filter(s -> s.step().equals("collect")).findFirst()
                .orElseThrow();
        assertThat(collect.fraction()).isEqualTo(0.5);
        assertThat(steps.stream().filter(s -> s.step().equals("process")).findFirst().orElseThrow().fraction())
                .as("total not known").isEqualTo(-1);
    }

    @Test
    void onlyWorkersReportAndNonsenseIsRefusedNamingTheField() throws Exception {
        long versionId = datasets.insertVersion(datasets.datasetIdFor("progress-" + System.nanoTime(),
                "text-classification", "manager"), "{}", "manager");
        ApiCalls api = new ApiCalls(port);
        WorkerApi.Progress fine = new WorkerApi.Progress(1, 1, 1, "rows", 1.0, 0L, false);

        assertThat(api.call("PUT", WorkerApi.progress(versionId, "collect"), "manager", fine).status())
                .isEqualTo(403);
        assertThat(api.call("PUT", WorkerApi.progress(versionId, "collect"), "ann1", fine).status()).isEqualTo(403);
        ApiCalls.Answer negative = api.call("PUT", WorkerApi.progress(versionId, "collect"), "worker",
                new WorkerApi.Progress(-1, 0, 0, "rows", 0, null, true));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().toString()).contains("rows, done and total must not be negative");
        ApiCalls.Answer badStep = api.call("PUT", WorkerApi.progress(versionId, "Collect_1"), "worker", fine);
        assertThat(badStep.status()).isEqualTo(400);
        assertThat(badStep.body().toString()).contains("Collect_1");
        assertThat(api.call("PUT", WorkerApi.progress(999_999, "collect"), "worker", fine).status()).isEqualTo(404);
        assertThat(demands.stepProgress(versionId)).isEmpty();
    }
}
