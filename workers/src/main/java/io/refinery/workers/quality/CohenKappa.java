package io.refinery.workers.quality;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.dkpro.statistics.agreement.coding.CodingAnnotationStudy;
import org.dkpro.statistics.agreement.coding.CohenKappaAgreement;

/**
 * Cohen's kappa of a contingency table, computed by DKPro Statistics. DKPro stores one object per item, so the
 * table is first divided by the greatest common divisor of its cells (kappa depends only on proportions).
 * When every label is the same class, p<sub>e</sub> = 1 and kappa would be 0/0: we define it as 1.0
 * (the raters agreed on every item).
 */
final class CohenKappa {

    record Values(double observed, double expected, double kappa) {
    }

    private CohenKappa() {
    }

    /** {@code null} for an empty table. */
    static Values of(List<PairCount> table) {
        BigInteger gcd = BigInteger.ZERO;
        for (PairCount cell : table) {
            gcd = gcd.gcd(BigInteger.valueOf(cell.count()));
        }
        if (gcd.signum() == 0) {
            return null;
        }
        if (table.stream().flatMap(cell -> Stream.of(cell.first(), cell.second())).distinct()
                .count() == 1) {
            // One class only: p_e = 1 and kappa is 0/0 (DKPro refuses the study). Both raters always agree: 1.0.
            return new Values(1.0, 1.0, 1.0);
        }
        CodingAnnotationStudy study = new CodingAnnotationStudy(2);
        for (PairCount cell : table) {
            long times = cell.count() / gcd.longValue();
            if (times > Integer.MAX_VALUE) {
                throw new IllegalStateException("too many annotation pairs for one cell: " + cell);
            }
            study.addMultipleItems((int) times, cell.first(), cell.second());
        }
        CohenKappaAgreement agreement = new CohenKappaAgreement(study);
        double observed = agreement.calculateObservedAgreement();
        double expected = agreement.calculateExpectedAgreement();
        double kappa = expected >= 1.0 ? 1.0 : agreement.calculateAgreement();
        return new Values(observed, expected, kappa);
    }
}
