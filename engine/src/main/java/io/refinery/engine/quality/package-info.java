/** QC inputs for the quality worker, recorded quality results, and planning of rework for failing packages. */
package io.refinery.engine.quality;
