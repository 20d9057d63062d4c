package io.refinery.engine.modeling;

import java.time.Instant;

/** A row of the drafts list: a {@link Draft} without its XML. */
public record DraftSummary(String id, String name, ModelKind kind, String processKey, String savedBy,
                           Instant savedAt) {
}
