/**
 * Decision tasks in the browser: approve a demand, add data for thin classes, decide after too many QC rounds, follow
 * up an overdue round, look at a drift — and any user task drawn into a process — with the run's facts to decide on.
 */
package io.refinery.designer.decision;
