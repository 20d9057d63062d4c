/**
 * Collect: streams the sources of a version (uploads, server folders, URLs) row by row into accepted rows and
 * quarantined rows with file, line and reason. The row rules themselves are in {@code io.refinery.workflows.rows}.
 */
package io.refinery.workers.collect;
