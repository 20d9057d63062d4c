package io.refinery.engine.labeling;

import java.util.ArrayList;
import java.util.List;

/** A package of a round: its run of items and how many slots label it (the overlap). */
public record RoundPackage(long packageId, WorkPackages.Run run, int slots) {
    /**
     * The package of {@code inItemOrder} (as {@link WorkPackages#roundPackages} gives them) whose run holds the item,
     * or null.
     */
    public static RoundPackage holding(List<RoundPackage> inItemOrder, long itemId) {
        int low = 0;
        int high = inItemOrder.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            WorkPackages.Run run = inItemOrder.get(mid).run();
            if (itemId < run.firstItemId()) {
                high = mid - 1;
            } else if (itemId > run.lastItemId()) {
                low = mid + 1;
            } else {
                return inItemOrder.get(mid);
            }
        }
        return null;
    }

    /** Packages read (and settled) together: about 5,000 items at 100 per package. */
    public static final int PACKAGES_PER_READ = 50;
    /** Item ids one read may span. */
    public static final long SPAN_PER_READ = 20_000;

    /**
     * {@code inItemOrder} in pieces to read together: at most {@value #PACKAGES_PER_READ} packages, spanning at
     * most {@value #SPAN_PER_READ} item ids (packages far apart, as a later round's are, go in pieces of their
     * own rather than one read of everything between them).
     */
    public static List<List<RoundPackage>> together(List<RoundPackage> inItemOrder) {
        List<List<RoundPackage>> pieces = new ArrayList<>();
        List<RoundPackage> piece = new ArrayList<>();
        for (RoundPackage p : inItemOrder) {
            if (!piece.isEmpty() && (piece.size() >= PACKAGES_PER_READ
                    || p.run().lastItemId() - piece.get(0).run().firstItemId() > SPAN_PER_READ)) {
                pieces.add(piece);
                piece = new ArrayList<>();
            }
            piece.add(p);
        }
        if (!piece.isEmpty()) {
            pieces.add(piece);
        }
        return pieces;
    }

    /** The run from the first item of the first package to the last item of the last one. */
    public static WorkPackages.Run spanOf(List<RoundPackage> inItemOrder) {
        return new WorkPackages.Run(inItemOrder.get(0).run().versionId(), inItemOrder.get(0).run().firstItemId(),
                inItemOrder.get(inItemOrder.size() - 1).run().lastItemId());
    }
}
