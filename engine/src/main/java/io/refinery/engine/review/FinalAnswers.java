package io.refinery.engine.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.dataset.DatasetItems;
import io.refinery.engine.labeling.LabelledRounds;
import io.refinery.engine.labeling.PackageWork;
import io.refinery.engine.labeling.WorkPackages;
import io.refinery.workflows.answers.AnnotationValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The final answers of a round: the expert's decision where there was one (a rejection leaves the item without an
 * answer), else the answer every annotator of the item gave, else none.
 */
@Service
public class FinalAnswers {
    private final LabelledRounds packages;
    private final Reviews reviews;
    private final DatasetItems items;
    private final TransactionTemplate perPackage;

    FinalAnswers(LabelledRounds packages, Reviews reviews, DatasetItems items, PlatformTransactionManager transactions) {
        this.items = items;
        this.packages = packages;
        this.reviews = reviews;
        this.perPackage = new TransactionTemplate(transactions);
    }

    /** The final answers of every package of a round, in the caller's transaction (when a review completes). */
    void finalizeRound(long versionId, int round) {
        String taskType = packages.taskTypeOfVersion(versionId);
        for (long packageId : packages.packagesOfRound(versionId, round)) {
            finalizePackage(packageId, round, taskType);
        }
    }

    /**
     * {@link #finalizeRound} for the quality check, one transaction per package (so no transaction grows with the
     * dataset): what a process without expert review needs before QC, and a no-op repetition after a review (the
     * same inputs give the same final answers). Returns the number of packages.
     */
    public int finalizeRoundForQuality(long versionId, int round) {
        String taskType = packages.taskTypeOfVersion(versionId);
        List<Long> ids = packages.packagesOfRound(versionId, round);
        for (long packageId : ids) {
            perPackage.executeWithoutResult(status -> finalizePackage(packageId, round, taskType));
        }
        return ids.size();
    }

    private void finalizePackage(long packageId, int round, String taskType) {
        Map<Long, List<JsonNode>> values = new HashMap<>();
        packages.annotations(packageId, round)
                .forEach(a -> values.computeIfAbsent(a.itemId(), k -> new ArrayList<>()).add(PackageWork.valueOf(a)));
        Map<Long, Reviews.ReviewRow> decided = new HashMap<>();
        reviews.reviews(packageId, round).forEach(r -> decided.put(r.itemId(), r));
        int overlap = packages.assignmentsOfPackage(packageId, round).size();
        for (var item : packages.items(packageId)) {
            var review = decided.get(item.itemId());
            if (review != null && !"reworked".equals(review.decision())) {
                boolean rejected = "reject".equals(review.decision());
                String value = rejected ? null : review.valueJson() != null ? review.valueJson()
                        : AnnotationValues.ofLabel(review.label()).toString();
                items.setFinal(item.itemId(), rejected ? null : review.label(), value, rejected);
                continue;
            }
            List<JsonNode> given = values.getOrDefault(item.itemId(), List.of());
            boolean agreed = given.size() >= overlap && given.stream().distinct().count() == 1;
            JsonNode value = agreed ? given.get(0) : null;
            items.setFinal(item.itemId(), AnnotationValues.labelOf(taskType, value),
                    value == null ? null : value.toString(), false);
        }
    }
}
