package io.refinery.engine.labeling;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What other modules read and settle of a labelled round (review, final answers): its packages, their items, slots
 * and answers, the final answer of an item, and gold items. The tables behind it stay labelling's.
 */
@Service
public class LabelledRounds {
    private final WorkPackages packages;
    private final GoldItems gold;

    private final PackageAnswers answers;

    LabelledRounds(WorkPackages packages, PackageAnswers answers, GoldItems gold) {
        this.answers = answers;
        this.packages = packages;
        this.gold = gold;
    }

    public List<Long> packagesOfRound(long versionId, int round) {
        return packages.packagesOfRound(versionId, round);
    }

    public List<RoundPackage> roundPackages(long versionId, int round) {
        return packages.roundPackages(versionId, round);
    }

    public Optional<RoundPackage> roundPackage(long packageId, int round) {
        return packages.roundPackage(packageId, round);
    }

    public List<WorkPackages.AnnotationRow> annotationsAlong(WorkPackages.Run along, int round) {
        return answers.annotationsAlong(along, round);
    }

    public List<WorkPackages.PackageItem> items(long packageId) {
        return packages.items(packageId);
    }

    public List<WorkPackages.AnnotationRow> annotations(long packageId, int round) {
        return answers.annotations(packageId, round);
    }

    public List<WorkPackages.Assignment> assignmentsOfPackage(long packageId, int round) {
        return packages.assignmentsOfPackage(packageId, round);
    }

    /** The run of items a package holds (empty for an unknown package). */
    public Optional<WorkPackages.Run> run(long packageId) {
        return packages.run(packageId);
    }

    public Optional<Long> packageOfItem(long itemId) {
        return packages.packageOfItem(itemId);
    }

    public String taskTypeOfVersion(long versionId) {
        return packages.taskTypeOfVersion(versionId);
    }

    public Optional<GoldItems.Gold> goldOfItem(long itemId) {
        return gold.goldOfItem(itemId);
    }

    /** Makes an item of the version gold with its true answer (JSON), given by {@code user}. */
    public void markGold(long versionId, long itemId, String valueJson, String user) {
        gold.saveGold(packages.datasetOfVersion(versionId), itemId, valueJson, user);
    }
}
