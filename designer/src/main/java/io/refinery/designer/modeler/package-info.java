/** The process designer in the browser: bpmn-js with the dataset steps, lint, drafts, deploy, versions; dmn-js for QC decisions. */
package io.refinery.designer.modeler;
