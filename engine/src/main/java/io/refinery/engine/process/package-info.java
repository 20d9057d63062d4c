/** Engine-side help for the process runtime: waking long-polling workers when a dead worker's lock runs out. */
package io.refinery.engine.process;
