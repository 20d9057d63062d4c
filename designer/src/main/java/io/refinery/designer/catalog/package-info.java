/**
 * The catalog in the browser: datasets and released versions, a release's report, datasheet, manifest and diff,
 * consumers' API tokens and grants, the usage log; and the expert's review of model errors sent back by consumers.
 */
package io.refinery.designer.catalog;
