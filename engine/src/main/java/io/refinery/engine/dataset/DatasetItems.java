package io.refinery.engine.dataset;

import java.util.List;
import org.springframework.stereotype.Service;

/** What other modules change on items: which package an item is in, and its final answer. The item table is ours. */
@Service
public class DatasetItems {
    private final ItemRepository items;

    DatasetItems(ItemRepository items) {
        this.items = items;
    }

    /** Rows of {packageId, position, itemId}: each item at its place in its package (one batch, in the caller's transaction). */
    public void assignToPackages(List<Object[]> packagePositionItem) {
        items.assignToPackages(packagePositionItem);
    }

    /** Up to {@code limit} ids of the version's items not yet in a package, after {@code afterId}, in id order. */
    public List<Long> unpackagedIds(long versionId, long afterId, int limit) {
        return items.unpackagedIds(versionId, afterId, limit);
    }

    /** The final answer of an item (label and whole value), or its rejection. */
    public void setFinal(long itemId, String finalLabel, String finalValueJson, boolean rejected) {
        items.setFinal(itemId, finalLabel, finalValueJson, rejected);
    }

    /** Streams the items of a version that have a final answer, in id order. */
    public void streamAnswered(long versionId, java.util.function.Consumer<ItemRepository.AnsweredItem> sink) {
        items.streamAnswered(versionId, sink);
    }

    public long countAnswered(long versionId) {
        return items.countAnswered(versionId);
    }
}
