/** Pre-label: keyword and regex rules that suggest a label before humans annotate. */
package io.refinery.workers.prelabel;
