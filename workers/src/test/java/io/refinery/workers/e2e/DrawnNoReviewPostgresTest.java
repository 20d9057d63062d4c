package io.refinery.workers.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The variant without expert review builds a release on PostgreSQL. */
class DrawnNoReviewPostgresTest extends DrawnProcessEndToEnd {

    @Test
    void buildsASealedRelease(@TempDir Path data) throws Exception {
        buildsARelease("postgres", NO_REVIEW_KEY, NO_REVIEW, "expertReview", false, data);
    }
}
