/** Labelling in the browser: the work package view, the labelling components per task type and their registry. */
package io.refinery.designer.labeling;
