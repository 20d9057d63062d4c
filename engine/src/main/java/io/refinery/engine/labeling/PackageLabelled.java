package io.refinery.engine.labeling;

/**
 * Every slot of a work package has answered every item of it in a round (published when a label task completes,
 * inside its transaction): the package's answers can be settled.
 */
public record PackageLabelled(long versionId, long packageId, int round) {
}
