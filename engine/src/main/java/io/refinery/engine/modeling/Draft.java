package io.refinery.engine.modeling;

import java.time.Instant;

/**
 * A diagram being edited, stored by the engine (the designer owns nothing). Saving again overwrites it and records
 * who saved last and when.
 *
 * @param processKey the id of the first executable process (BPMN) or the first decision (DMN); null if none
 */
public record Draft(String id, String name, ModelKind kind, String processKey, String xml, String savedBy,
                    Instant savedAt) {

    public DraftSummary summary() {
        return new DraftSummary(id, name, kind, processKey, savedBy, savedAt);
    }
}
