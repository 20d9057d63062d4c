/**
 * The QC metrics, each computed streaming in bounded memory (counters per class, pattern, annotator or annotator
 * pair; never a list of items): chance-corrected agreement through DKPro Statistics, span matching (box matching and answer validity are the shared rules of {@code io.refinery.workflows.answers}), gold
 * accuracy, validity, class coverage and timeliness.
 */
package io.refinery.workers.quality.metrics;
