/** Process: text operators (normalize, exact dedup by content hash, PII masking) applied in a configured order. */
package io.refinery.workers.process;
