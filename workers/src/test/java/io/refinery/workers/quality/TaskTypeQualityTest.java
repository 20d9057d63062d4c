package io.refinery.workers.quality;

import io.refinery.workflows.ThresholdValues;
import io.refinery.workers.report.Check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workflows.Vars;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** QC of boxes, spans and labels: which agreement gates each task type, per-pair figures, gold, coverage, variables. */
class TaskTypeQualityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String box(int x, String label) {
        return "{\"x\":" + x + ",\"y\":0,\"w\":10,\"h\":10,\"label\":\"" + label + "\"}";
    }

    private static ItemRecord boxes(String id, String pkg, String ann1, String ann2) {
        return new ItemRecord(id, pkg, id + ".png", List.of(
                new Annotation(1, "ann1", null, json("{\"boxes\":[" + ann1 + "]}")),
                new Annotation(2, "ann2", null, json("{\"boxes\":[" + ann2 + "]}"))),
                null, json("{\"boxes\":[" + ann1 + "]}"), false, null);
    }

    @Test
    void shouldGateBoxesOnIouAndBoxF1NotOnLabels() {
        QualityMetrics metrics = new QualityMetrics("image-bbox", List.of("crack", "valve"), SensitiveTerms.none(), NOW);
        // p1: identical boxes on two pictures → F1 1, IoU 1
        metrics.accept(boxes("a", "1", box(0, "crack"), box(0, "crack")));
        metrics.accept(boxes("b", "1", box(0, "valve"), box(0, "valve")));
        // p2: shifted by 5 px → IoU 1/3 (matched, no hit); an extra box of ann1 unmatched
        metrics.accept(boxes("c", "2", box(0, "crack") + "," + box(50, "valve"), box(5, "crack")));

        QualityResult r = metrics.result(ThresholdValues.defaults(), 3, 0);

        Agreement a = r.agreement();
        assertThat(a.matchedBoxes()).isEqualTo(3);
        assertThat(a.meanIou()).isCloseTo((1 + 1 + 1.0 / 3) / 3, within(1e-12));
        // hits 2 of marks 2 + 2 + 3 = 7 boxes
        assertThat(a.boxF1()).isCloseTo(2.0 * 2 / 7, within(1e-12));
        assertThat(a.percentAgreement()).as("mean item F1").isCloseTo((1 + 1 + 0) / 3.0, within(1e-12));
        assertThat(a.kappa()).isNull();
        assertThat(a.krippendorffAlpha()).isNull();
        assertThat(r.checks()).extracting(Check::metric).contains("agreement", "iou").doesNotContain("kappa", "alpha");
        assertThat(r.failingPackageIds()).containsExactly("2");
        assertThat(r.classBalance().counts()).containsEntry("crack", 2L).containsEntry("valve", 2L);
        assertThat(r.completeness()).isEqualTo(1.0);
        assertThat(r.validity()).isEqualTo(1.0);
        assertThat(a.pairs()).containsExactly(new AnnotatorPair("ann1", "ann2", 3, 2.0 / 3, null));

        Map<String, Object> vars = QcHandler.variables(r);
        assertThat(vars).containsEntry(Vars.METRIC_KAPPA, null).containsEntry(Vars.METRIC_ALPHA, null)
                .containsEntry(Vars.METRIC_SPAN_F1, null);
        assertThat((Double) vars.get(Vars.METRIC_IOU)).isCloseTo(7.0 / 9, within(1e-12));
    }

    @Test
    void shouldGateNamedEntitiesOnExactSpanF1() {
        QualityMetrics metrics = new QualityMetrics("ner", List.of("PER", "ORG"), SensitiveTerms.none(), NOW);
        String alice = "{\"start\":0,\"end\":5,\"label\":\"PER\"}";
        String acme = "{\"start\":10,\"end\":14,\"label\":\"ORG\"}";
        String acmeAsPerson = "{\"start\":10,\"end\":14,\"label\":\"PER\"}";
        metrics.accept(new ItemRecord("1", "p", "Alice and ACME", List.of(
                new Annotation(0, "x", null, json("{\"spans\":[" + alice + "," + acme + "]}")),
                new Annotation(1, "y", null, json("{\"spans\":[" + alice + "," + acmeAsPerson + "]}"))),
                null, json("{\"spans\":[" + alice + "," + acme + "]}"), false, null));

        QualityResult r = metrics.result(ThresholdValues.defaults(), 1, 0);

        assertThat(r.agreement().spanF1()).isCloseTo(2.0 * 1 / 4, within(1e-12));
        assertThat(r.checks()).extracting(Check::metric).contains("spanF1").doesNotContain("kappa", "iou");
        assertThat(r.failingPackageIds()).as("0.5 < minSpanF1 0.8").containsExactly("p");
        assertThat(r.classBalance().counts()).containsEntry("PER", 1L).containsEntry("ORG", 1L);
    }

    @Test
    void shouldReportAgreementPerAnnotatorPairWithKappa() {
        QualityMetrics metrics = new QualityMetrics("text-classification", List.of("a", "b"), SensitiveTerms.none(), NOW);
        String[][] items = {{"a", "a", "a"}, {"a", "a", "b"}, {"b", "b", "b"}, {"b", "a", "b"}};
        int n = 0;
        for (String[] labels : items) {
            metrics.accept(new ItemRecord("i" + n++, "p", "t", List.of(new Annotation(0, "zoe", labels[0]),
                    new Annotation(1, "amy", labels[1]), new Annotation(2, "max", labels[2])), labels[0], false));
        }

        List<AnnotatorPair> pairs = metrics.result(ThresholdValues.defaults(), 4, 0).agreement().pairs();

        // amy–max: (a,a) (a,b) (b,b) (a,b) → 2/4; zoe–amy: (a,a) (a,a) (b,b) (b,a) → 3/4; zoe–max: 3/4
        assertThat(pairs).extracting(AnnotatorPair::annotatorA, AnnotatorPair::annotatorB, AnnotatorPair::items,
                AnnotatorPair::agreement).containsExactly(
                org.assertj.core.groups.Tuple.tuple("amy", "max", 4L, 0.5),
                org.assertj.core.groups.Tuple.tuple("amy", "zoe", 4L, 0.75),
                org.assertj.core.groups.Tuple.tuple("max", "zoe", 4L, 0.75));
        // amy(A) vs zoe(B): a/a 2, b/b 1, a/b 1 → p_o = .75, p_e = .75·.5 + .25·.5 = .5, κ = .5
        assertThat(pairs.get(1).kappa()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void shouldGateOnGoldAccuracyOnlyWhenGoldWasAnswered() {
        QualityMetrics metrics = new QualityMetrics("text-classification", List.of("a"), SensitiveTerms.none(), NOW);
        metrics.accept(new ItemRecord("1", "p", "t", List.of(new Annotation(0, "x", "a"), new Annotation(1, "y", "a")),
                "a", false));
        assertThat(metrics.result(ThresholdValues.defaults(), 1, 0).checks()).extracting(Check::metric)
                .doesNotContain("goldAccuracy");

        metrics.acceptGold("x", true);
        metrics.acceptGold("y", false);
        QualityResult r = metrics.result(ThresholdValues.defaults(), 1, 0);

        assertThat(r.goldAccuracy()).isEqualTo(0.5);
        assertThat(r.goldByAnnotator()).extracting(g -> g.annotator() + "=" + g.accuracy()).containsExactly("x=1.0", "y=0.0");
        assertThat(r.failedChecks()).containsExactly("goldAccuracy");
    }

    @Test
    void shouldListTheClassesBelowCoverageAndTheNearDuplicateRate() {
        QualityMetrics metrics = new QualityMetrics("text-classification", List.of("a", "b", "c"), SensitiveTerms.none(), NOW);
        for (int i = 0; i < 4; i++) {
            metrics.accept(new ItemRecord("a" + i, "p", "t", List.of(), "a", false));
        }
        metrics.accept(new ItemRecord("b", "p", "t", List.of(), "b", false));
        ThresholdValues k2 = ThresholdValues.of(Map.of(Vars.MIN_COMPLETENESS, 0, Vars.MIN_AGREEMENT, 0, Vars.MIN_KAPPA, -1,
                Vars.MAX_DUPLICATE_RATE, 1, Vars.MAX_SENSITIVE_RATIO, 1, Vars.MIN_CLASS_COUNT, 2, Vars.MIN_ALPHA, -1,
                Vars.MIN_IOU, 0, Vars.MIN_SPAN_F1, 0, Vars.MAX_NEAR_DUPLICATE_RATE, 0.05))
                .with(Vars.MIN_GOLD_ACCURACY, 0).with(Vars.MIN_VALIDITY, 0);

        QualityResult r = metrics.result(k2, 100, 0, 6);

        assertThat(r.classBalance().classesBelowK()).containsExactly("b", "c");
        assertThat(r.collectClasses()).containsExactly("b", "c");
        // p = .8, .2: H = −(.8 log2 .8 + .2 log2 .2) = 0.7219 bits; normalized by log2 3
        double h = -(0.8 * Math.log(0.8) + 0.2 * Math.log(0.2)) / Math.log(2);
        assertThat(r.classBalance().entropyBits()).isCloseTo(h, within(1e-12));
        assertThat(r.classBalance().normalizedEntropy()).isCloseTo(h * Math.log(2) / Math.log(3), within(1e-12));
        assertThat(r.nearDuplicateRate()).isEqualTo(0.06);
        assertThat(r.failedChecks()).contains("minClassCount", "nearDuplicateRate");
        Map<String, Object> vars = QcHandler.variables(r);
        assertThat(vars).containsEntry(Vars.COLLECT_CLASSES, "b,c").containsEntry(Vars.METRIC_MIN_CLASS_COUNT, 0.0);
        assertThat((String) vars.get(Vars.QC_FAILED_CHECKS)).contains("minClassCount");
    }

    @Test
    void shouldTakeTheCollectionTimeFromMetadataElseTheUpload() {
        assertThat(QcHandler.collectedAt(json("{\"collected_at\":\"2026-01-02T03:04:05Z\"}"), "2026-11-01T00:00:00Z"))
                .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(QcHandler.collectedAt(json("{\"date\":\"2025-12-31\"}"), null))
                .isEqualTo(Instant.parse("2025-12-31T00:00:00Z"));
        assertThat(QcHandler.collectedAt(json("{\"date\":\"yesterday\"}"), "2026-11-01T00:00:00Z"))
                .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(QcHandler.collectedAt(json("null"), null)).isNull();
    }

    @Test
    void shouldReadAQcItemLineWithValuesAndTimes() {
        ItemRecord item = QcHandler.record(json("""
                {"itemId":7,"packageId":3,"round":1,"text":"x.png","annotations":[
                 {"slot":1,"annotator":"ann1","label":null,"value":{"boxes":[]}}],
                 "finalLabel":null,"rejected":false,"finalValue":{"boxes":[]},"meta":{},"uploadedAt":"2026-11-01T00:00:00Z"}"""));
        assertThat(item.annotations()).singleElement().satisfies(a -> {
            assertThat(a.label()).isNull();
            assertThat(a.value().path("boxes").isArray()).isTrue();
        });
        assertThat(item.finalValue()).isNotNull();
        assertThat(item.collectedAt()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(QcHandler.goldCorrect("image-bbox", json("{\"value\":{\"boxes\":[" + box(1, "a") + "]},"
                + "\"goldValue\":{\"boxes\":[" + box(0, "a") + "]},\"correct\":false}"))).as("IoU 90/110").isTrue();
        assertThat(QcHandler.goldCorrect("text-classification", json("{\"correct\":false}"))).isFalse();
    }
}
