/**
 * The row rules of collect, shared by the collect worker and the engine's source preview (one rule, one place):
 * streaming JSONL/CSV reading ({@link io.refinery.workflows.rows.RowReader}), the checks of a row
 * ({@link io.refinery.workflows.rows.RowRules}, {@link io.refinery.workflows.rows.RowValidator}) and the reasons of
 * quarantine ({@link io.refinery.workflows.rows.QuarantineReason}). Plain Java with Jackson and Commons CSV.
 */
package io.refinery.workflows.rows;
