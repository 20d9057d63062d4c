/**
 * The QC metrics, each computed streaming in bounded memory (counters per class, pattern, annotator or annotator
 * pair; never a list of items): chance-corrected agreement through DKPro Statistics, box and span matching, gold
 * accuracy, validity, class coverage and timeliness.
 */
package io.refinery.workers.quality.metrics;
