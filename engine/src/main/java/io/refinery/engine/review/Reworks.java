package io.refinery.engine.review;

import io.refinery.engine.labeling.LabelSet;
import io.refinery.engine.labeling.ReworkLookup;
import io.refinery.engine.labeling.LabelledRounds;
import io.refinery.engine.labeling.RoundPackage;
import io.refinery.engine.labeling.WorkPackages;
import io.refinery.engine.system.ApiException;
import io.refinery.workflows.Vars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * The rework a review asks for: one rework per (package, annotator) with rejected items, each a task of the annotator
 * who labelled them; and what a rework task works on (for package work, see {@link ReworkLookup}).
 */
@Service
public class Reworks implements ReworkLookup {
    private final TaskService tasks;
    private final LabelledRounds packages;
    private final Reviews reviews;

    Reworks(TaskService tasks, LabelledRounds packages, Reviews reviews) {
        this.tasks = tasks;
        this.packages = packages;
        this.reviews = reviews;
    }

    /** The rework behind a rework task; 409 when there is none. */
    Reviews.Rework reworkOf(Task task) {
        Map<String, Object> vars = tasks.getVariables(task.getId(), List.of(Vars.VERSION_ID, Vars.ROUND, Vars.REWORK_INDEX));
        long versionId = ((Number) vars.get(Vars.VERSION_ID)).longValue();
        int round = ((Number) vars.get(Vars.ROUND)).intValue();
        int idx = ((Number) vars.get(Vars.REWORK_INDEX)).intValue();
        return reviews.rework(versionId, round, idx).orElseThrow(() -> ApiException.conflict("task " + task.getId()
                + " has no rework (version " + versionId + ", round " + round + ", index " + idx + ")"));
    }

    /** The rework behind a rework task, if its variables name one. */
    java.util.Optional<Reviews.Rework> findRework(Task task) {
        Map<String, Object> vars = tasks.getVariables(task.getId(), List.of(Vars.VERSION_ID, Vars.ROUND, Vars.REWORK_INDEX));
        if (vars.get(Vars.VERSION_ID) instanceof Number v && vars.get(Vars.ROUND) instanceof Number r
                && vars.get(Vars.REWORK_INDEX) instanceof Number idx) {
            return reviews.rework(v.longValue(), r.intValue(), idx.intValue());
        }
        return java.util.Optional.empty();
    }

    @Override
    public ReworkSlot slotOf(Task task) {
        Reviews.Rework rework = reworkOf(task);
        Map<Long, Mark> items = new LinkedHashMap<>();
        reviews.reworkItems(rework.id()).forEach(i -> items.put(i.itemId(), new Mark(i.reason(), i.fixed())));
        return new ReworkSlot(rework.id(), rework.versionId(), rework.round(), rework.packageId(), rework.slot(),
                LabelSet.parse(tasks.getVariable(task.getId(), Vars.LABEL_SET)), items);
    }

    @Override
    public void markFixed(long reworkId, long itemId) {
        reviews.markReworkFixed(reworkId, itemId);
    }

    /**
     * Plans the rework after a review: one rework per (package, annotator) with rejected items, numbered in package
     * and slot order. Returns the annotators in index order (the BPMN assigns instance i to the i-th).
     */
    List<String> planReworkOfRejected(long versionId, int round) {
        int pass = reviews.lastReworkPass(versionId, round) + 1;
        List<RoundPackage> all = packages.roundPackages(versionId, round);
        Map<Long, List<Reviews.ReviewRow>> rejectedByPackage = new java.util.TreeMap<>();
        for (Reviews.ReviewRow r : reviews.rejectedOfRound(versionId, round)) {
            var p = RoundPackage.holding(all, r.itemId());
            if (p != null) {
                rejectedByPackage.computeIfAbsent(p.packageId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<String> assignees = new ArrayList<>();
        rejectedByPackage.forEach((packageId, rejected) -> {
            for (var a : packages.assignmentsOfPackage(packageId, round)) {
                if (a.annotator() == null) {
                    continue;
                }
                long reworkId = reviews.createRework(versionId, round, pass, assignees.size(), packageId, a.slot(),
                        a.annotator());
                rejected.forEach(r -> reviews.addReworkItem(reworkId, r.itemId(), r.reason()));
                assignees.add(a.annotator());
            }
        });
        return assignees;
    }
}
