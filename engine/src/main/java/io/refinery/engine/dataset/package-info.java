/** Datasets and their versions in the making: demands, uploaded sources, collected rows, quarantine, items. */
package io.refinery.engine.dataset;
