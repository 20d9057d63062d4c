/** Quality: streaming QC metrics (completeness, agreement, Cohen's kappa, duplicates, sensitive terms, class balance) checked against thresholds. */
package io.refinery.workers.quality;
