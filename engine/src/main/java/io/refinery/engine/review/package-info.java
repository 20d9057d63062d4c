/** Expert review of a labelled round, the rework it asks of the annotators, and the final answers of a round. */
package io.refinery.engine.review;
