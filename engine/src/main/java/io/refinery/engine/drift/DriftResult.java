package io.refinery.engine.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What one drift check measured: new data (a newer version's items) against a released version.
 *
 * @param report the worker's full report (class distributions, anomalies by reason, counts, limits)
 */
public record DriftResult(String processInstanceId, long datasetId, long referenceVersionId, long newVersionId,
                          double psi, double tvd, double anomalyRatio, boolean exceeded, JsonNode report,
                          Instant updatedAt) {
}
