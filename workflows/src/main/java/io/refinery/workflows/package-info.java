/** The dataset-construction processes and the names (topics, variables, groups) that the BPMN, workers, UI and tests share. */
package io.refinery.workflows;
