/**
 * Quality: the QC step (streams a round's items and gold answers through {@link io.refinery.workers.quality.QualityMetrics},
 * checks each applicable metric against the approved thresholds, names the failed checks, the packages to relabel
 * and the classes to collect more of) and the quality report ({@code quality-report.json} and its HTML page).
 */
package io.refinery.workers.quality;
