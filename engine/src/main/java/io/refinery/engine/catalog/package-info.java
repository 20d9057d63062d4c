/**
 * The catalog of released datasets and their delivery to consumers: versions, report, datasheet, diff, paged items,
 * resumable zip bundles, API tokens, grants by version range, and the usage log of every read.
 */
package io.refinery.engine.catalog;
