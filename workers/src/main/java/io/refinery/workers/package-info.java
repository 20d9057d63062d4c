/** The worker process: polls the engine over HTTP and runs the automated steps of a dataset build. */
package io.refinery.workers;
