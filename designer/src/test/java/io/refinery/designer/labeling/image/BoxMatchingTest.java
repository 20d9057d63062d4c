package io.refinery.designer.labeling.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoxMatchingTest {

    @Test
    void shouldPairBoxesByIouAndReportUnmatchedAndClassDisagreements() {
        List<Box> a = List.of(
                new Box(0, 0, 10, 10, "crack"),        // 0: B1 shifted by 1 px: inter 9*10=90, union 110 -> 9/11
                new Box(100, 100, 20, 20, "valve"),    // 1: B0 identical, other class
                new Box(300, 300, 5, 5, "person"));    // 2: nothing near it
        List<Box> b = List.of(
                new Box(100, 100, 20, 20, "corrosion"),
                new Box(1, 0, 10, 10, "crack"),
                new Box(200, 0, 10, 10, "valve"));

        BoxMatching.Result r = BoxMatching.match(a, b);

        assertThat(r.pairs()).hasSize(2);
        BoxMatching.Pair first = r.pairs().get(0);
        assertThat(first.indexA()).isZero();
        assertThat(first.indexB()).isEqualTo(1);
        assertThat(first.iou()).isCloseTo(9 / 11.0, within(1e-12));
        assertThat(first.sameLabel()).isTrue();
        BoxMatching.Pair second = r.pairs().get(1);
        assertThat(second.indexA()).isEqualTo(1);
        assertThat(second.indexB()).isZero();
        assertThat(second.iou()).isEqualTo(1.0);
        assertThat(r.labelDisagreements()).containsExactly(second);
        assertThat(r.unmatchedA()).containsExactly(2);
        assertThat(r.unmatchedB()).containsExactly(2);
        assertThat(r.meanIou()).isCloseTo((9 / 11.0 + 1) / 2, within(1e-12));
        assertThat(r.agree()).isFalse();
    }

    @Test
    void shouldGiveEachBoxToItsBestPartnerFirst() {
        // A0 overlaps B0 (IoU 1/3) and B1 (IoU 9/11); A1 overlaps only B0 (IoU 1).
        List<Box> a = List.of(new Box(0, 0, 10, 10, null), new Box(5, 0, 10, 10, null));
        List<Box> b = List.of(new Box(5, 0, 10, 10, null), new Box(-1, 0, 10, 10, null));

        BoxMatching.Result r = BoxMatching.match(a, b, 0.3);

        assertThat(r.pairs()).extracting(BoxMatching.Pair::indexA, BoxMatching.Pair::indexB)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(1, 0));
        assertThat(r.unmatchedA()).isEmpty();
        assertThat(r.unmatchedB()).isEmpty();
        assertThat(r.agree()).isTrue();
    }

    @Test
    void shouldRespectTheThreshold() {
        List<Box> a = List.of(new Box(0, 0, 10, 10, "x"));
        List<Box> b = List.of(new Box(5, 0, 10, 10, "x")); // IoU 1/3

        assertThat(BoxMatching.match(a, b).pairs()).isEmpty();
        assertThat(BoxMatching.match(a, b, 1 / 3.0).pairs()).hasSize(1);
        assertThat(BoxMatching.match(List.of(), List.of()).agree()).isTrue();
        assertThat(BoxMatching.match(List.of(), List.of()).meanIou()).isZero();
        assertThatThrownBy(() -> BoxMatching.match(a, b, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
