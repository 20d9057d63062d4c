package io.refinery.workers.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * What QC needs to know of one item.
 *
 * @param annotations the current round's annotations
 * @param finalLabel  the label after review (classification types), {@code null} if none
 * @param finalValue  the answer after review for the other task types, {@code null} if none
 * @param rejected    the reviewer rejected the item
 * @param collectedAt when its data was collected (timeliness), {@code null} if unknown
 */
public record ItemRecord(String itemId, String packageId, String text, List<Annotation> annotations,
        String finalLabel, JsonNode finalValue, boolean rejected, Instant collectedAt) {

    public ItemRecord {
        annotations = List.copyOf(annotations);
    }

    public ItemRecord(String itemId, String packageId, String text, List<Annotation> annotations, String finalLabel,
            boolean rejected) {
        this(itemId, packageId, text, annotations, finalLabel, null, rejected, null);
    }
}
