/** Drift checks: what the drift-check worker measured (PSI, total variation distance, anomaly ratio) per process instance. */
package io.refinery.engine.drift;
