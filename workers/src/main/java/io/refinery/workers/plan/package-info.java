/**
 * Plan-round step: asks the engine to cut work packages and plan the labelling round (round 1, and each round the QC
 * gate sends back), and hands the number of label tasks to the process.
 */
package io.refinery.workers.plan;
