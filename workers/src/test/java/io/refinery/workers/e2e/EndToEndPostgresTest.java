package io.refinery.workers.e2e;

import io.refinery.workers.demo.DemoRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same end-to-end run on a real PostgreSQL (the machine's server; .ci/run makes sure it is up). */
class EndToEndPostgresTest {

    @Test
    void sampleBecomesAVerifiedReleaseOnPostgres(@TempDir Path data) throws Exception {
        try (TestPlatform platform = TestPlatform.postgres(data, "refinery_e2e")) {
            DemoRun.Outcome outcome = EndToEndChecks.runDemo(platform, "customer-service-pg");
            EndToEndChecks.assertRelease(outcome);
            EndToEndChecks.assertProgress(platform, outcome);
        }
    }
}
