package io.refinery.engine.labeling;

import io.refinery.engine.quality.QualityVerdicts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The process's plan-round step: which packages a labelling round labels, in how many slots. Round 1 labels every
 * package; a later round relabels the packages the previous round's QC found failing and adds the packages no round
 * has labelled yet (data collected after QC asked for more).
 */
@Service
public class RoundPlanning {
    private final WorkPackages packages;
    private final QualityVerdicts verdicts;

    RoundPlanning(WorkPackages packages, QualityVerdicts verdicts) {
        this.packages = packages;
        this.verdicts = verdicts;
    }

    /**
     * Cuts the items not yet in a package into packages, then plans {@code round} with {@code overlap} slots per
     * package. A redo (the worker's job retried) changes nothing. Returns the number of label tasks of the round.
     * Not one transaction: the cut commits chunk by chunk and the round's assignments in one batch after it (see
     * {@link WorkPackages#createPackages}), so that planning a million items holds no transaction open for long.
     */
    public int planRound(long versionId, int round, int packageSize, int overlap) {
        packages.createPackages(versionId, packageSize);
        if (round == 1) {
            return packages.createAssignments(versionId, 1, packages.packageIds(versionId), overlap);
        }
        Set<Long> ids = new LinkedHashSet<>(verdicts.failingPackages(versionId, round - 1));
        ids.addAll(packages.neverAssignedPackageIds(versionId));
        return packages.createAssignments(versionId, round, new ArrayList<>(ids), overlap);
    }

    /** Plans round 1 of a version (what the process's first plan-round step does). */
    public int planFirstRound(long versionId, int packageSize, int overlap) {
        return planRound(versionId, 1, packageSize, overlap);
    }

}
