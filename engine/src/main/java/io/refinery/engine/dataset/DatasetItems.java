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

    /**
     * The final answers of the version's items with ids from {@code first} to {@code last} as {@code finalOf} gives
     * them (label and whole value, or a rejection; null leaves an item as it is), written where they change; the
     * number changed.
     */
    public int setFinals(long versionId, long first, long last,
                         java.util.function.LongFunction<ItemRepository.Final> finalOf) {
        return items.setFinals(versionId, first, last, finalOf);
    }

    /** Streams the items of a version that have a final answer, in id order. */
    public void streamAnswered(long versionId, java.util.function.Consumer<ItemRepository.AnsweredItem> sink) {
        items.streamAnswered(versionId, sink);
    }

    public long countAnswered(long versionId) {
        return items.countAnswered(versionId);
    }
}
