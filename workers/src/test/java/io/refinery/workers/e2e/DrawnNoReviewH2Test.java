package io.refinery.workers.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The variant without expert review, drawn from the shipped process, builds a release on H2. */
class DrawnNoReviewH2Test extends DrawnProcessEndToEnd {

    @Test
    void buildsASealedRelease(@TempDir Path data) throws Exception {
        buildsARelease("h2", NO_REVIEW_KEY, NO_REVIEW, "expertReview", false, data);
    }
}
