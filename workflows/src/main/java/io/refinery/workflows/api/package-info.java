/**
 * The engine↔worker HTTP contract: {@link io.refinery.workflows.api.WorkerApi} holds every path of the product API
 * that workers call, as a template (used by the engine's controller mappings) and as a builder of the concrete path
 * (used by the workers). The engine's {@code WorkerApiContractTest} checks that each one is served.
 */
package io.refinery.workflows.api;
