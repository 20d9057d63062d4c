package io.refinery.engine.labeling;

import io.refinery.engine.quality.QualityVerdicts;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The plan-round step of a dataset process: which packages a labelling round labels, in how many slots. It runs as
 * an element of its own (topic {@code refinery.plan-round}), after pre-labelling and after a QC gate that sends
 * packages back, never as a side effect of another step.
 */
@Service
public class RoundPlanning {
    private final WorkPackages packages;
    private final QualityVerdicts quality;

    RoundPlanning(WorkPackages packages, QualityVerdicts quality) {
        this.packages = packages;
        this.quality = quality;
    }

    /**
     * Cuts the items not yet in a package into packages, then plans {@code round}: round 1 labels every package; a
     * later round relabels the packages the QC of the round before found failing, with the packages never labelled
     * (data collected since). A redo changes nothing. Returns the number of label tasks of the round.
     */
    @Transactional
    public int planRound(long versionId, int round, int packageSize, int overlap) {
        packages.createPackages(versionId, packageSize);
        int planned = packages.assignmentCount(versionId, round);
        if (planned > 0) {
            return planned;
        }
        SortedSet<Long> ids = new TreeSet<>();
        if (round == 1) {
            ids.addAll(packages.packageIds(versionId));
        } else {
            ids.addAll(quality.failingPackages(versionId, round - 1));
            ids.addAll(packages.neverAssignedPackageIds(versionId));
        }
        return packages.appendAssignments(versionId, round, List.copyOf(ids), overlap);
    }

    /** {@link #planRound} of round 1. */
    @Transactional
    public int planFirstRound(long versionId, int packageSize, int overlap) {
        return planRound(versionId, 1, packageSize, overlap);
    }
}
