package io.refinery.workers.quality;

/** Running counts of one work package. */
final class PackageTally {

    private long items;
    private long overlapItems;
    private long agreedItems;
    private long withoutFinalLabel;
    private long rejected;

    void add(boolean overlap, boolean agreed, boolean complete, boolean rejectedItem) {
        items++;
        if (overlap) {
            overlapItems++;
            if (agreed) {
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
        Double agreement = overlapItems == 0 ? null : (double) agreedItems / overlapItems;
        boolean passed = (agreement == null || agreement >= minAgreement) && withoutFinalLabel == 0 && rejected == 0;
        return new PackageQuality(packageId, items, overlapItems, agreedItems, agreement, withoutFinalLabel, rejected,
                passed);
    }
}
