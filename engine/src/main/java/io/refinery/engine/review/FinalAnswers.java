package io.refinery.engine.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.dataset.DatasetItems;
import io.refinery.engine.dataset.ItemRepository;
import io.refinery.engine.labeling.LabelledRounds;
import io.refinery.engine.labeling.PackageLabelled;
import io.refinery.engine.labeling.PackageWork;
import io.refinery.engine.labeling.RoundPackage;
import io.refinery.engine.labeling.WorkPackages;
import io.refinery.workflows.answers.AnnotationValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The final answers of a round: the expert's decision where there was one (a rejection leaves the item without an
 * answer), else the answer every annotator of the item gave, else none. They are settled as the work comes in, in
 * transactions as small as the work: a package when its last slot is labelled, the packages the expert decided on
 * when the review completes, and the whole round again before QC (packages lying close together per transaction,
 * as {@link RoundPackage#together} groups them, read in one go, written only where an answer changes),
 * so that no transaction grows with the dataset.
 */
@Service
public class FinalAnswers {
    private final LabelledRounds packages;
    private final Reviews reviews;
    private final DatasetItems items;
    private final TransactionTemplate perChunk;

    FinalAnswers(LabelledRounds packages, Reviews reviews, DatasetItems items, PlatformTransactionManager transactions) {
        this.items = items;
        this.packages = packages;
        this.reviews = reviews;
        this.perChunk = new TransactionTemplate(transactions);
    }

    /** A package whose every slot has answered every item: its agreed answers are final (in the caller's transaction). */
    @EventListener
    void on(PackageLabelled labelled) {
        packages.roundPackage(labelled.packageId(), labelled.round())
                .ifPresent(p -> settle(labelled.versionId(), labelled.round(), List.of(p)));
    }

    /**
     * When the review completes, in the caller's transaction: the packages holding an item the expert decided on
     * (as many as the expert's work; the other packages were settled as they were labelled).
     */
    void finalizeRound(long versionId, int round) {
        List<RoundPackage> all = packages.roundPackages(versionId, round);
        java.util.Set<RoundPackage> decided = new java.util.TreeSet<>(
                java.util.Comparator.comparingLong(p -> p.run().firstItemId()));
        for (long itemId : reviews.reviewedItems(versionId, round)) {
            var p = RoundPackage.holding(all, itemId);
            if (p != null) {
                decided.add(p);
            }
        }
        for (List<RoundPackage> piece : RoundPackage.together(new ArrayList<>(decided))) {
            settle(versionId, round, piece);
        }
    }

    /**
     * Every package of the round, a piece of packages lying close together per transaction: what a process without expert
     * review needs before QC, and a check that writes nothing after a review (the same inputs give the same final
     * answers). Returns the number of packages.
     */
    public int finalizeRoundForQuality(long versionId, int round) {
        List<RoundPackage> all = packages.roundPackages(versionId, round);
        for (List<RoundPackage> piece : RoundPackage.together(all)) {
            perChunk.executeWithoutResult(status -> settle(versionId, round, piece));
        }
        return all.size();
    }

    /**
     * The final answers of some packages of a round, in item order: their answers and the expert's decisions read
     * along the ids they span (one read each), then written where they change.
     */
    private void settle(long versionId, int round, List<RoundPackage> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        String taskType = packages.taskTypeOfVersion(versionId);
        var along = RoundPackage.spanOf(chunk);
        Map<Long, List<JsonNode>> given = new HashMap<>();
        for (var a : packages.annotationsAlong(along, round)) {
            given.computeIfAbsent(a.itemId(), k -> new ArrayList<>(2)).add(PackageWork.valueOf(a));
        }
        Map<Long, Reviews.ReviewRow> decided = new HashMap<>();
        reviews.reviewsAlong(along, round).forEach(r -> decided.put(r.itemId(), r));
        items.setFinals(versionId, along.firstItemId(), along.lastItemId(), itemId -> {
            RoundPackage p = RoundPackage.holding(chunk, itemId);
            return p == null ? null : finalOf(itemId, decided.get(itemId), given.getOrDefault(itemId, List.of()),
                    p.slots(), taskType);
        });
    }

    private static ItemRepository.Final finalOf(long itemId, Reviews.ReviewRow review, List<JsonNode> given, int slots,
                                                String taskType) {
        if (review != null && !"reworked".equals(review.decision())) {
            boolean rejected = "reject".equals(review.decision());
            String value = rejected ? null : review.valueJson() != null ? review.valueJson()
                    : AnnotationValues.ofLabel(review.label()).toString();
            return new ItemRepository.Final(itemId, rejected ? null : review.label(), value, rejected);
        }
        boolean agreed = given.size() >= slots && given.stream().distinct().count() == 1;
        JsonNode value = agreed ? given.get(0) : null;
        return new ItemRepository.Final(itemId, AnnotationValues.labelOf(taskType, value),
                value == null ? null : value.toString(), false);
    }
}
