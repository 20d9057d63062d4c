package io.refinery.engine.labeling;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;

/**
 * What package work needs to know of a rework task: the annotator's package slot and the items the expert rejected.
 * The review module provides it (it owns rework); labelling only asks, so it never depends on review.
 */
public interface ReworkLookup {

    /** A rejected item: the expert's reason, and whether the annotator has fixed it since. */
    record Mark(String reason, boolean fixed) {
    }

    /** The package slot a rework task works on, and its rejected items by item id. */
    record ReworkSlot(long reworkId, long versionId, int round, long packageId, int slot, List<String> labelSet,
                      Map<Long, Mark> items) {
    }

    /** 409 when the task has no rework behind it. */
    ReworkSlot slotOf(Task task);

    /** The annotator saved a new answer on a rejected item. */
    void markFixed(long reworkId, long itemId);
}
