package io.refinery.workflows.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotationValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LABELS = List.of("PER", "ORG", "LOC");

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void shouldAcceptAndNormalizeEveryTaskType() throws Exception {
        assertThat(AnnotationValues.validate("text-classification", LABELS, "x", json("{\"label\":\"ORG\",\"extra\":1}")))
                .hasToString("{\"label\":\"ORG\"}");
        assertThat(AnnotationValues.validate("text-multilabel", LABELS, "x", json("{\"labels\":[\"LOC\",\"PER\",\"LOC\"]}")))
                .as("label-set order, no duplicates").hasToString("{\"labels\":[\"PER\",\"LOC\"]}");
        assertThat(AnnotationValues.validate("ner", LABELS, "Anna at ACME",
                json("{\"spans\":[{\"start\":8,\"end\":12,\"label\":\"ORG\"},{\"start\":0,\"end\":4,\"label\":\"PER\"}]}")))
                .hasToString("{\"spans\":[{\"start\":0,\"end\":4,\"label\":\"PER\"},{\"start\":8,\"end\":12,\"label\":\"ORG\"}]}");
        assertThat(AnnotationValues.validate("instruction", LABELS, "x",
                json("{\"instruction\":\"Translate\",\"output\":\"Hallo\"}")))
                .hasToString("{\"instruction\":\"Translate\",\"input\":\"\",\"output\":\"Hallo\"}");
        assertThat(AnnotationValues.validate("image-bbox", LABELS, null,
                json("{\"boxes\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4,\"label\":\"PER\"}]}")).path("boxes")).hasSize(1);
        assertThat(AnnotationValues.labelOf("text-classification", json("{\"label\":\"PER\"}"))).isEqualTo("PER");
        assertThat(AnnotationValues.labelOf("ner", json("{\"spans\":[]}"))).isNull();
    }

    @Test
    void shouldCountNerOffsetsInUtf16CodeUnits() throws Exception {
        String text = "😀 王小明"; // the emoji is two UTF-16 code units
        assertThat(text.length()).isEqualTo(6);
        assertThat(AnnotationValues.validate("ner", LABELS, text, json("{\"spans\":[{\"start\":3,\"end\":6,\"label\":\"PER\"}]}"))
                .path("spans")).hasSize(1);
        assertRejected("ner", text, "{\"spans\":[{\"start\":3,\"end\":7,\"label\":\"PER\"}]}", "spans[0]", "0..6");
    }

    @Test
    void shouldRejectWrongShapesNamingTheField() {
        assertRejected("text-classification", "x", "{\"label\":\"CITY\"}", "'label'", "not in the label set");
        assertRejected("text-classification", "x", "{\"labels\":[\"PER\"]}", "'label'", "must be a label");
        assertRejected("text-multilabel", "x", "{\"labels\":[\"PER\",\"CITY\"]}", "labels[1]", "CITY");
        assertRejected("text-multilabel", "x", "{\"labels\":[]}", "'labels'", "at least one");
        assertRejected("ner", "abc", "{\"spans\":[{\"start\":2,\"end\":1,\"label\":\"PER\"}]}", "spans[0]", "range");
        assertRejected("ner", "abc", "{\"spans\":[{\"start\":\"0\",\"end\":1,\"label\":\"PER\"}]}", "spans[0].start", "integers");
        assertRejected("ner", "abc", "{\"spans\":[{\"start\":0,\"end\":1,\"label\":\"X\"}]}", "'label'", "X");
        assertRejected("instruction", "x", "{\"instruction\":\" \",\"output\":\"o\"}", "'instruction'", "empty");
        assertRejected("instruction", "x", "{\"instruction\":\"i\",\"output\":3}", "'output'", "text");
        assertRejected("image-bbox", null, "{\"boxes\":[{\"x\":1,\"y\":2,\"w\":0,\"h\":4,\"label\":\"PER\"}]}", "boxes[0].w", "number");
        assertRejected("text-classification", "x", "[1]", "'value'", "object");
    }

    private static void assertRejected(String type, String text, String value, String... fragments) {
        assertThatThrownBy(() -> AnnotationValues.validate(type, LABELS, text, json(value)))
                .isInstanceOf(AnswerException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }

    @Test
    void validSameAnswerAndTypeHelpers() throws Exception {
        assertThat(AnnotationValues.valid("text-classification", LABELS, "x", json("{\"label\":\"ORG\"}"))).isTrue();
        assertThat(AnnotationValues.valid("text-classification", LABELS, "x", json("{\"label\":\"X\"}"))).isFalse();
        assertThat(AnnotationValues.valid("ner", LABELS, "abc", json("{\"spans\":[{\"start\":0,\"end\":9,\"label\":\"PER\"}]}")))
                .as("span beyond the text").isFalse();
        assertThat(AnnotationValues.sameAnswer("text-multilabel", LABELS, "x", json("{\"labels\":[\"LOC\",\"PER\"]}"),
                json("{\"labels\":[\"PER\",\"LOC\"]}"))).isTrue();
        assertThat(AnnotationValues.disagree(List.of(json("{\"label\":\"PER\"}"), json("{\"label\":\"ORG\"}")))).isTrue();
        assertThat(AnnotationValues.isImage("image-bbox")).isTrue();
        assertThat(AnnotationValues.isClassification("image-classification")).isTrue();
        assertThat(AnnotationValues.isClassification("ner")).isFalse();
        assertThat(AnnotationValues.TASK_TYPES).allMatch(t -> t.matches(AnnotationValues.TASK_TYPE_PATTERN));
    }
}
