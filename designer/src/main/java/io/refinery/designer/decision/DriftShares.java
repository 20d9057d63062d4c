package io.refinery.designer.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.designer.i18n.Translator;
import io.refinery.designer.shell.ShareBars;
import io.refinery.engine.drift.DriftResult;
import java.util.Iterator;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A drift review's picture: each class's share in the released version and in the new data, from the drift worker's
 * report ({@code referenceClasses}, {@code newClasses}: counts by class), with the change in percentage points.
 */
final class DriftShares {

    private DriftShares() {
    }

    static ShareBars of(DriftResult drift, Translator t) {
        JsonNode report = drift.report();
        JsonNode reference = report.path("referenceClasses");
        JsonNode fresh = report.path("newClasses");
        long referenceTotal = total(reference);
        long newTotal = total(fresh);
        ShareBars bars = new ShareBars("drift-classes", t.t("decision.drift.reference", referenceTotal),
                t.t("decision.drift.new", newTotal));
        TreeSet<String> classes = new TreeSet<>();
        reference.fieldNames().forEachRemaining(classes::add);
        fresh.fieldNames().forEachRemaining(classes::add);
        for (String name : classes) {
            long before = reference.path(name).asLong();
            long after = fresh.path(name).asLong();
            double beforeShare = referenceTotal == 0 ? 0 : (double) before / referenceTotal;
            double afterShare = newTotal == 0 ? 0 : (double) after / newTotal;
            double points = (afterShare - beforeShare) * 100;
            bars.row(name, beforeShare, before, afterShare, after, String.format(Locale.ROOT, "%+.1f pp", points));
        }
        return bars;
    }

    private static long total(JsonNode counts) {
        long sum = 0;
        for (Iterator<JsonNode> values = counts.elements(); values.hasNext(); ) {
            sum += values.next().asLong();
        }
        return sum;
    }
}
