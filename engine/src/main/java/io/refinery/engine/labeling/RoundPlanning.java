package io.refinery.engine.labeling;

import java.util.List;
import io.refinery.engine.system.ApiException;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which packages a labelling round labels, in how many slots: the first round after pre-labelling, a rework round for
 * the packages QC found failing.
 */
@Service
public class RoundPlanning {
    private final WorkPackages packages;
    RoundPlanning(WorkPackages packages) {
        this.packages = packages;
    }

    /**
     * Cuts the items not yet in a package into packages, then plans {@code round}: round 1 labels every package; a
     * later round (more data was collected) adds the packages never labelled to the ones QC sent back for that round.
     * A redo changes nothing. Returns the number of label tasks of the round.
     */
    @Transactional
    public int planRound(long versionId, int round, int packageSize, int overlap) {
        packages.createPackages(versionId, packageSize);
        if (round == 1) {
            return packages.createAssignments(versionId, 1, packages.packageIds(versionId), overlap);
        }
        return packages.appendAssignments(versionId, round, packages.neverAssignedPackageIds(versionId), overlap);
    }

    /** Plans the next round for the packages that failed QC; returns its number of label tasks. */
    @Transactional
    public int planRework(long versionId, int nextRound, List<Long> failingPackageIds, int overlap) {
        Set<Long> known = new HashSet<>(packages.packageIds(versionId));
        for (Long id : failingPackageIds) {
            if (!known.contains(id)) {
                throw ApiException.badRequest("package " + id + " does not belong to version " + versionId);
            }
        }
        return packages.createAssignments(versionId, nextRound, failingPackageIds.stream().sorted().toList(), overlap);
    }

    /** {@link #planRound} of round 1. */
    @Transactional
    public int planFirstRound(long versionId, int packageSize, int overlap) {
        return planRound(versionId, 1, packageSize, overlap);
    }
}
