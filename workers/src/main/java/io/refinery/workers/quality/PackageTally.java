package io.refinery.workers.quality;

/** Running counts of one work package. */
final class PackageTally {

    private long items;
    private long overlapItems;
    private long agreedItems;
    private double scoreSum;
    private long withoutFinalLabel;
    private long rejected;

    /** @param score the item's agreement in [0, 1] (1 = the annotators agree fully); ignored without overlap */
    void add(boolean overlap, double score, boolean complete, boolean rejectedItem) {
        items++;
        if (overlap) {
            overlapItems++;
            scoreSum += score;
            if (score >= 1.0) {
                agreedItems++;
            }
        }
        if (!complete) {
            withoutFinalLabel++;
        }
        if (rejectedItem) {
            rejected++;
        }
    }

    PackageQuality result(String packageId, double minAgreement) {
        Double agreement = overlapItems == 0 ? null : scoreSum / overlapItems;
        boolean passed = (agreement == null || agreement >= minAgreement) && withoutFinalLabel == 0 && rejected == 0;
        return new PackageQuality(packageId, items, overlapItems, agreedItems, agreement, withoutFinalLabel, rejected,
                passed);
    }
}
