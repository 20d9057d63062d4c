/** Datasets and their versions in the making: demands, uploaded sources, collected rows, quarantine, items; the only writer of their tables. */
package io.refinery.engine.dataset;
