/** Collect: streams JSONL/CSV sources row by row into accepted rows and quarantined rows with file, line and reason. */
package io.refinery.workers.collect;
