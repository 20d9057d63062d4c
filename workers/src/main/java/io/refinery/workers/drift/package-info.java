/**
 * Drift check: how far newer data moved from a released version (class distribution PSI and total variation
 * distance, anomaly ratio of the new texts), computed in one streaming pass over each version's items.
 */
package io.refinery.workers.drift;
