package io.refinery.workers.e2e;

import io.refinery.workers.demo.DemoRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped sample from upload to sealed release on the embedded default (H2 file). */
class EndToEndH2Test {

    @Test
    void sampleBecomesAVerifiedReleaseOnH2(@TempDir Path data) throws Exception {
        try (TestPlatform platform = TestPlatform.h2(data)) {
            DemoRun.Outcome outcome = EndToEndChecks.runDemo(platform, "customer-service-h2");
            EndToEndChecks.assertRelease(outcome);
            EndToEndChecks.assertProgress(platform, outcome);
        }
    }
}
