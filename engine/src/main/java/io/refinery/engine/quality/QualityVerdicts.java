package io.refinery.engine.quality;

import java.util.List;
import org.springframework.stereotype.Service;

/** The QC verdicts of a version as other modules use them: recorded per round, with the packages found failing. */
@Service
public class QualityVerdicts {
    private final QualityResults results;

    QualityVerdicts(QualityResults results) {
        this.results = results;
    }

    public void record(long versionId, int round, boolean passed, String reportJson, List<Long> failingPackageIds) {
        results.record(versionId, round, passed, reportJson, failingPackageIds);
    }

    public List<QualityResults.Recorded> results(long versionId) {
        return results.results(versionId);
    }

    /** The packages the QC of {@code round} found failing, in id order (none when it passed or was not recorded). */
    public List<Long> failingPackages(long versionId, int round) {
        return results.failingPackages(versionId, round);
    }
}
