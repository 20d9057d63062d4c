package io.refinery.engine.dataset;

import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What other modules read and change of items: runs of items by id (a work package is one), and an item's final
 * answer. The item table is ours.
 */
@Service
public class DatasetItems {
    private final ItemRepository items;

    DatasetItems(ItemRepository items) {
        this.items = items;
    }

    /** Up to {@code limit} ids of the version's items after {@code afterId}, in id order. */
    public List<Long> idsAfter(long versionId, long afterId, int limit) {
        return items.idsAfter(versionId, afterId, limit);
    }

    /** {@code item} under {@code alias}, read along its ids: for a run of items by id (a work package's). */
    public String alongIds(String alias) {
        return items.alongIds(alias);
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
