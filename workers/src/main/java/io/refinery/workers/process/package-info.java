/** Process: text operators (normalize, exact dedup by content hash, near dedup by MinHash/LSH, PII masking) applied in a configured order. */
package io.refinery.workers.process;
