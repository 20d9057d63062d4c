package io.refinery.workers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.demo.DemoRun;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QC fails in round 1 (sloppy annotators), the failing packages are relabelled in round 2, then it releases. */
class EndToEndReworkTest {

    @Test
    void failingQcSendsThePackagesBackAndTheSecondRoundReleases(@TempDir Path data) throws Exception {
        try (TestPlatform platform = TestPlatform.h2(data)) {
            platform.startWorker("w1");
            DemoRun.Outcome outcome = new DemoRun(platform.url, Duration.ofMinutes(8), 40)
                    .run(DemoRun.demand("customer-service-rework"));

            JsonNode results = platform.as("manager").get("/api/versions/" + outcome.versionId() + "/quality");
            assertThat(results).hasSize(2);
            JsonNode first = results.get(0);
            assertThat(first.path("round").asInt()).isEqualTo(1);
            assertThat(first.path("passed").asBoolean()).isFalse();
            assertThat(first.path("report").path("agreement").path("percentAgreement").asDouble()).isLessThan(0.8);
            assertThat(first.path("report").path("failingPackageIds")).isNotEmpty();
            assertThat(first.path("report").path("failedChecks")).extracting(JsonNode::asText).contains("agreement");
            assertThat(first.path("report").path("agreement").path("pairs")).as("per annotator pair").isNotEmpty();
            JsonNode second = results.get(1);
            assertThat(second.path("round").asInt()).isEqualTo(2);
            assertThat(second.path("passed").asBoolean()).isTrue();
            EndToEndChecks.assertRelease(outcome);
            String html = java.nio.file.Files.readString(java.nio.file.Path.of(outcome.releasePath())
                    .resolve("quality-report.html"));
            assertThat(html).contains("Passed / 通过").contains("Agreement per annotator pair / 标注员两两一致性")
                    .contains("echarts.init");
        }
    }
}
