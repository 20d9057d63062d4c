/**
 * The visual process designer's server side: safe reading of BPMN/DMN files, drafts, validation (the engine's parse
 * errors plus lint rules), the manager policy, the dataset-process contract, deployment as new versions, version history
 * with who deployed, templates.
 */
package io.refinery.engine.modeling;
