/** Pre-label step: applies the rules of {@link io.refinery.workflows.prelabel.RuleLabeler} to every item. */
package io.refinery.workers.prelabel;
