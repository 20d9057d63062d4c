/** Engine-side help for workers: batch completion of external tasks, and waking long polls when a dead worker's lock runs out. */
package io.refinery.engine.process;
