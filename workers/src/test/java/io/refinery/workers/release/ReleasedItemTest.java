package io.refinery.workers.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A released line carries the full answer of the task types a single label cannot hold, and counts their classes. */
class ReleasedItemTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void boxesAreReleasedAndCountedPerBox() throws Exception {
        var boxes = json.readTree("{\"boxes\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4,\"label\":\"valve\"},"
                + "{\"x\":5,\"y\":6,\"w\":7,\"h\":8,\"label\":\"crack\"}]}");
        String line = new String(CanonicalJson.line(new ReleasedItem("s1", "scene-01.png", null, "images.jsonl", 1, null,
                boxes)), StandardCharsets.UTF_8);
        assertThat(json.readTree(line).path("annotation")).isEqualTo(boxes);
        assertThat(ReleaseHandler.classesOf(null, boxes)).containsExactly("valve", "crack");
        assertThat(ReleaseHandler.classesOf(null, json.readTree("{\"spans\":[{\"start\":0,\"end\":2,\"label\":\"PER\"}]}")))
                .containsExactly("PER");
    }

    @Test
    void classificationLinesStayAsTheyWere() {
        String line = new String(CanonicalJson.line(new ReleasedItem("m1", "hello", "billing", "m.jsonl", 3, null)),
                StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("{\"id\":\"m1\",\"label\":\"billing\",\"line\":3,\"meta\":null,\"source\":\"m.jsonl\","
                + "\"text\":\"hello\"}");
        assertThat(ReleaseHandler.classesOf("billing", null)).containsExactly("billing");
    }
}
