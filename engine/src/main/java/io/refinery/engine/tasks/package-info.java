/**
 * Human tasks: one {@link io.refinery.engine.tasks.TaskKind}, the inbox, claiming, assigning and completing, with the
 * rules other modules register for their kinds ({@link io.refinery.engine.tasks.TaskRule}).
 */
package io.refinery.engine.tasks;
