package io.refinery.workflows.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workflows.answers.BoxAgreement.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxAgreementTest {

    @Test
    void matchesGreedilyByIouAndScoresSameLabelPairs() throws Exception {
        Box a = new Box(0, 0, 10, 10, "cat");
        assertThat(BoxAgreement.iou(a, new Box(5, 0, 10, 10, "cat"))).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(BoxAgreement.iou(a, new Box(20, 20, 5, 5, "cat"))).isZero();
        List<Box> one = List.of(a, new Box(50, 50, 10, 10, "dog"));
        List<Box> other = List.of(new Box(51, 50, 10, 10, "cat"), new Box(1, 0, 10, 10, "cat"));
        assertThat(BoxAgreement.match(one, other, 0.5, false)).extracting(BoxAgreement.Pair::indexB)
                .containsExactly(1, 0);
        BoxAgreement.Score score = BoxAgreement.score(one, other);
        assertThat(score.matched()).as("the dog and the cat do not match by label").isEqualTo(1);
        assertThat(score.f1()).isEqualTo(0.5);
        ObjectMapper json = new ObjectMapper();
        assertThat(BoxAgreement.agree(json.readTree("{\"boxes\":[{\"x\":0,\"y\":0,\"w\":10,\"h\":10,\"label\":\"cat\"}]}"),
                json.readTree("{\"boxes\":[{\"x\":1,\"y\":0,\"w\":10,\"h\":10,\"label\":\"cat\"}]}"))).isTrue();
        assertThat(AnnotationValues.sameAnswer(AnnotationValues.IMAGE_BBOX, List.of("cat"), null,
                json.readTree("{\"boxes\":[{\"x\":0,\"y\":0,\"w\":10,\"h\":10,\"label\":\"cat\"}]}"),
                json.readTree("{\"boxes\":[]}"))).isFalse();
    }
}
