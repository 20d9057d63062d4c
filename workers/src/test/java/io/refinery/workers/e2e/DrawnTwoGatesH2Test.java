package io.refinery.workers.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The variant with an early QC gate before the expert review builds a release on H2. */
class DrawnTwoGatesH2Test extends DrawnProcessEndToEnd {

    @Test
    void buildsASealedRelease(@TempDir Path data) throws Exception {
        buildsARelease("h2", TWO_GATES_KEY, TWO_GATES, "qcEarly", true, data);
    }
}
