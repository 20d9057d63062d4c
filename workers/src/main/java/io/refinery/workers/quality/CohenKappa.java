package io.refinery.workers.quality;

import io.refinery.workers.quality.metrics.UnitCounts;
import java.util.List;
import java.util.stream.Stream;
import org.dkpro.statistics.agreement.coding.CodingAnnotationStudy;
import org.dkpro.statistics.agreement.coding.CohenKappaAgreement;

/**
 * Cohen's kappa of a contingency table, computed by DKPro Statistics from the table reduced by {@link UnitCounts}
 * (kappa depends only on proportions). When every label is the same class, p<sub>e</sub> = 1 and kappa would be
 * 0/0: we define it as 1.0 (the raters agreed on every item).
 */
final class CohenKappa {

    record Values(double observed, double expected, double kappa) {
    }

    private CohenKappa() {
    }

    /** {@code null} for an empty table. */
    static Values of(List<PairCount> table) {
        int[] units = UnitCounts.reduce(table.stream().mapToLong(PairCount::count).toArray());
        if (java.util.Arrays.stream(units).allMatch(u -> u == 0)) {
            return null;
        }
        if (table.stream().flatMap(cell -> Stream.of(cell.first(), cell.second())).distinct()
                .count() == 1) {
            // One class only: p_e = 1 and kappa is 0/0 (DKPro refuses the study). Both raters always agree: 1.0.
            return new Values(1.0, 1.0, 1.0);
        }
        CodingAnnotationStudy study = new CodingAnnotationStudy(2);
        for (int i = 0; i < units.length; i++) {
            if (units[i] > 0) {
                study.addMultipleItems(units[i], table.get(i).first(), table.get(i).second());
            }
        }
        CohenKappaAgreement agreement = new CohenKappaAgreement(study);
        double observed = agreement.calculateObservedAgreement();
        double expected = agreement.calculateExpectedAgreement();
        double kappa = expected >= 1.0 ? 1.0 : agreement.calculateAgreement();
        return new Values(observed, expected, kappa);
    }
}
