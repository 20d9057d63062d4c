package io.refinery.workers.quality;

import java.util.List;

/**
 * What QC needs to know of one item.
 *
 * @param annotations the current round's annotations
 * @param finalLabel  the label after review, {@code null} if none yet
 * @param rejected    the reviewer rejected the item
 */
public record ItemRecord(String itemId, String packageId, String text, List<Annotation> annotations,
        String finalLabel, boolean rejected) {

    public ItemRecord {
        annotations = List.copyOf(annotations);
    }
}
