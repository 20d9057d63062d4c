/**
 * The quality report shared by the QC step that measures it and the release step that publishes it: one
 * {@link io.refinery.workers.report.Check} per threshold and the self-contained HTML report with its charts.
 */
package io.refinery.workers.report;
