/**
 * The feedback loop: consumers post the errors their models made on a dataset; the posts start or join the dataset's
 * model-feedback run (BPMN message), an expert confirms or discards each error, and confirmed ones are queued as hard
 * examples for the dataset's next version.
 */
package io.refinery.engine.feedback;
