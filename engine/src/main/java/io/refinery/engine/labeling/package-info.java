/** Work packages and their rounds: cutting and planning them, the work of label tasks, gold items, and what QC reads. */
package io.refinery.engine.labeling;
