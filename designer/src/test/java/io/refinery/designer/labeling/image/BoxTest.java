package io.refinery.designer.labeling.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoxTest {

    @Test
    void shouldWriteTheEnginesAnnotationValueFormat() {
        String json = Box.toJson(List.of(new Box(10, 20, 30.5, 40, "crack"), new Box(1, 2, 3, 4, null)));

        assertThat(json).isEqualTo("{\"boxes\":[{\"x\":10.0,\"y\":20.0,\"w\":30.5,\"h\":40.0,\"label\":\"crack\"},"
                + "{\"x\":1.0,\"y\":2.0,\"w\":3.0,\"h\":4.0}]}");
    }

    @Test
    void shouldRoundTripThroughJson() {
        List<Box> boxes = List.of(new Box(0, 0, 480, 360, "valve"), new Box(12.25, 7.5, 3, 9, "中文标签"),
                new Box(5, 5, 0, 0, null));

        assertThat(Box.fromJson(Box.toJson(boxes))).isEqualTo(boxes);
        assertThat(Box.fromJson("{\"boxes\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4,\"label\":\"a\"}]}"))
                .containsExactly(new Box(1, 2, 3, 4, "a"));
        assertThat(Box.fromJson(null)).isEmpty();
        assertThat(Box.fromJson(" ")).isEmpty();
        assertThat(Box.fromJson("{\"boxes\":[]}")).isEmpty();
    }

    @Test
    void shouldSayWhatIsWrongWithABadValue() {
        assertThatThrownBy(() -> Box.fromJson("{\"boxes\":[")).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> Box.fromJson("{\"label\":\"x\"}")).hasMessage("expected {\"boxes\":[...]}");
        assertThatThrownBy(() -> Box.fromJson("{\"boxes\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4},{\"x\":\"1\",\"y\":2,\"w\":3,\"h\":4}]}"))
                .hasMessage("box 1: 'x' must be a number");
        assertThatThrownBy(() -> Box.fromJson("{\"boxes\":[{\"x\":1,\"y\":2,\"w\":-3,\"h\":4}]}"))
                .hasMessageContaining("box 0: box width and height must not be negative");
    }

    @Test
    void shouldComputeIouByHand() {
        // 10x10 at (0,0) and 10x10 at (5,0): intersection 5x10 = 50, union 100 + 100 - 50 = 150
        assertThat(new Box(0, 0, 10, 10, null).iou(new Box(5, 0, 10, 10, null))).isCloseTo(1 / 3.0, within(1e-12));
        // (0,0,10,10) and (5,5,10,10): intersection 25, union 175
        assertThat(new Box(0, 0, 10, 10, null).iou(new Box(5, 5, 10, 10, null))).isCloseTo(1 / 7.0, within(1e-12));
        // 4x4 inside 8x8: 16 / 64
        assertThat(new Box(2, 2, 4, 4, null).iou(new Box(0, 0, 8, 8, null))).isCloseTo(0.25, within(1e-12));
        assertThat(new Box(0, 0, 10, 10, null).iou(new Box(10, 0, 10, 10, null))).isZero(); // touching edges
        assertThat(new Box(3, 4, 5, 6, "a").iou(new Box(3, 4, 5, 6, "b"))).isEqualTo(1.0);
        assertThat(new Box(3, 4, 0, 0, null).iou(new Box(3, 4, 0, 0, null))).isZero();
    }
}
