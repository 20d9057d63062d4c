package io.refinery.workers.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The variant with an early QC gate builds a release on PostgreSQL. */
class DrawnTwoGatesPostgresTest extends DrawnProcessEndToEnd {

    @Test
    void buildsASealedRelease(@TempDir Path data) throws Exception {
        buildsARelease("postgres", TWO_GATES_KEY, TWO_GATES, "qcEarly", true, data);
    }
}
