package io.refinery.workers.quality.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workflows.answers.BoxAgreement;
import io.refinery.workflows.answers.BoxAgreement.Box;
import io.refinery.workers.quality.metrics.SpanMatching.Span;
import io.refinery.workflows.answers.AnnotationValues;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Box and span matching, gold accuracy, data age and validity against values computed by hand. */
class MatchingAndCountersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldComputeIouOfOverlappingDisjointAndEqualBoxes() {
        Box a = new Box(0, 0, 10, 10, "cat");
        // half overlap: intersection 5·10 = 50, union 100 + 100 − 50 = 150
        assertThat(BoxAgreement.iou(a, new Box(5, 0, 10, 10, "cat"))).isCloseTo(1.0 / 3, within(1e-12));
        // corner overlap: 5·5 = 25 / (100 + 100 − 25)
        assertThat(BoxAgreement.iou(a, new Box(5, 5, 10, 10, "cat"))).isCloseTo(25.0 / 175, within(1e-12));
        assertThat(BoxAgreement.iou(a, new Box(20, 20, 5, 5, "cat"))).isZero();
        assertThat(BoxAgreement.iou(a, a)).isEqualTo(1.0);
        // nested: 4·4 = 16 / 100
        assertThat(BoxAgreement.iou(a, new Box(3, 3, 4, 4, "cat"))).isCloseTo(0.16, within(1e-12));
    }

    @Test
    void shouldMatchBoxesGreedilyByIouOnlyWithinTheSameLabel() {
        List<Box> ann1 = List.of(new Box(0, 0, 10, 10, "cat"), new Box(100, 100, 20, 20, "dog"),
                new Box(50, 50, 10, 10, "cat"));
        List<Box> ann2 = List.of(new Box(1, 0, 10, 10, "cat"), // IoU 90/110 with ann1[0]
                new Box(100, 100, 20, 20, "cat"), // same place as the dog, other label: no match
                new Box(55, 50, 10, 10, "cat")); // IoU 50/150 with ann1[2]: matched, but no hit

        BoxAgreement.Score r = BoxAgreement.score(ann1, ann2);

        assertThat(r.matched()).isEqualTo(2);
        assertThat(r.iouSum()).isCloseTo(90.0 / 110 + 1.0 / 3, within(1e-12));
        assertThat(r.hits()).isEqualTo(1);
        assertThat(r.f1()).isCloseTo(2.0 * 1 / 6, within(1e-12));
        assertThat(BoxAgreement.score(List.of(), List.of()).f1()).as("both saw nothing").isEqualTo(1.0);
    }

    @Test
    void shouldTakeTheBestPairFirstSoEachBoxMatchesOnce() {
        // one box of ann1 between two of ann2: the closer one is taken, the other stays unmatched
        List<Box> ann1 = List.of(new Box(0, 0, 10, 10, "x"));
        List<Box> ann2 = List.of(new Box(4, 0, 10, 10, "x"), new Box(1, 0, 10, 10, "x"));

        BoxAgreement.Score r = BoxAgreement.score(ann1, ann2);

        assertThat(r.matched()).isEqualTo(1);
        assertThat(r.iouSum()).isCloseTo(90.0 / 110, within(1e-12));
        assertThat(r.f1()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void shouldReadBoxesAndSpansFromAnswersSkippingMalformedEntries() throws Exception {
        JsonNode boxes = JSON.readTree("{\"boxes\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4,\"label\":\"a\"},{\"x\":\"bad\"}]}");
        JsonNode spans = JSON.readTree("{\"spans\":[{\"start\":0,\"end\":4,\"label\":\"ORG\"},{\"start\":1}]}");

        assertThat(BoxAgreement.boxes(boxes)).containsExactly(new Box(1, 2, 3, 4, "a"));
        assertThat(SpanMatching.spans(spans)).containsExactly(new Span(0, 4, "ORG"));
        assertThat(BoxAgreement.boxes(null)).isEmpty();
    }

    @Test
    void shouldCountOnlyExactSpanAndLabelMatches() {
        Set<Span> a = Set.of(new Span(0, 5, "PER"), new Span(10, 15, "ORG"), new Span(20, 25, "LOC"));
        Set<Span> b = Set.of(new Span(0, 5, "PER"), new Span(10, 15, "LOC"), new Span(20, 24, "LOC"));

        SpanMatching.Result r = SpanMatching.match(a, b);

        assertThat(r.hits()).isEqualTo(1);
        assertThat(r.f1()).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(SpanMatching.match(Set.of(), Set.of()).f1()).isEqualTo(1.0);
        assertThat(SpanMatching.match(a, Set.of()).f1()).isZero();
    }

    @Test
    void shouldComputeGoldAccuracyPerAnnotatorAndOverall() {
        GoldAccuracy gold = new GoldAccuracy();
        assertThat(gold.overall()).as("no gold: not applicable").isNull();
        gold.add("bob", true);
        gold.add("ann", true);
        gold.add("ann", false);
        gold.add("ann", true);
        gold.add("ann", true);

        assertThat(gold.perAnnotator()).containsExactly(new GoldAccuracy.Annotator("ann", 4, 3, 0.75),
                new GoldAccuracy.Annotator("bob", 1, 1, 1.0));
        assertThat(gold.overall()).isEqualTo(0.8);
    }

    @Test
    void shouldGiveTheMedianAndMaximumAgeInDays() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        DataAge age = new DataAge(now);
        for (int days : new int[] {1, 3, 3, 10, 400}) {
            age.add(now.minus(days, ChronoUnit.DAYS));
        }
        age.add(null);
        age.add(now.plus(1, ChronoUnit.DAYS)); // from the future: age 0

        DataAge.Result r = age.result();

        assertThat(r.items()).isEqualTo(6);
        assertThat(r.p50Days()).as("sorted 0 1 3 3 10 400: lower median").isEqualTo(3);
        assertThat(r.maxDays()).isEqualTo(400);
        assertThat(r.oldest()).isEqualTo(now.minus(400, ChronoUnit.DAYS));
        assertThat(new DataAge(now).result().p50Days()).isNull();
    }

    @Test
    void shouldJudgeAnswersByTheirTaskTypesSchema() throws Exception {
        Set<String> labels = Set.of("PER", "ORG");
        assertThat(AnnotationValues.valid("text-classification", labels, "t", JSON.readTree("{\"label\":\"PER\"}"))).isTrue();
        assertThat(AnnotationValues.valid("text-classification", labels, "t", JSON.readTree("{\"label\":\"X\"}"))).isFalse();
        assertThat(AnnotationValues.valid("text-multilabel", labels, "t", JSON.readTree("{\"labels\":[]}"))).isFalse();
        assertThat(AnnotationValues.valid("ner", labels, "Alice", JSON.readTree(
                "{\"spans\":[{\"start\":0,\"end\":5,\"label\":\"PER\"}]}"))).isTrue();
        assertThat(AnnotationValues.valid("ner", labels, "Ali", JSON.readTree(
                "{\"spans\":[{\"start\":0,\"end\":5,\"label\":\"PER\"}]}"))).as("past the text's end").isFalse();
        assertThat(AnnotationValues.valid("image-bbox", labels, "a.png", JSON.readTree(
                "{\"boxes\":[{\"x\":0,\"y\":0,\"w\":0,\"h\":3,\"label\":\"PER\"}]}"))).as("zero width").isFalse();
        assertThat(AnnotationValues.valid("instruction", labels, "", JSON.readTree(
                "{\"instruction\":\"Sum\",\"input\":\"\",\"output\":\"4\"}"))).isTrue();
        assertThat(AnnotationValues.valid("unknown", labels, "", JSON.readTree("{}"))).isFalse();
    }
}
