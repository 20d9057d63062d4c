package io.refinery.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refinery.engine.release.VersionLabel;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionRangeTest {

    @Test
    void shouldOpenAMajorVersionButNotTheNext() {
        VersionRange range = VersionRange.parse("1.x");
        assertThat(List.of("1.0", "1.1", "1.12")).allMatch(range::contains);
        assertThat(range.contains("2.0")).isFalse();
        assertThat(VersionRange.parse("1.*").contains("1.3")).isTrue();
        assertThat(VersionRange.parse("1").contains("2.0")).isFalse();
    }

    @Test
    void shouldCombineComparisonsExactVersionsAndEverything() {
        VersionRange between = VersionRange.parse(">=1.1 <2.0");
        assertThat(between.contains("1.0")).isFalse();
        assertThat(between.contains("1.1")).isTrue();
        assertThat(between.contains("1.10")).as("numeric, not text order").isTrue();
        assertThat(between.contains("2.0")).isFalse();
        assertThat(VersionRange.parse("1.2").contains("1.2")).isTrue();
        assertThat(VersionRange.parse("1.2").contains("1.20")).isFalse();
        assertThat(VersionRange.parse("*").contains("7.3")).isTrue();
        assertThat(VersionRange.parse(">1.0 <=1.2").contains("1.2")).isTrue();
    }

    @Test
    void shouldNameWhatItCannotRead() {
        assertThatThrownBy(() -> VersionRange.parse("~1.0")).hasMessageContaining("cannot read '~1.0'");
        assertThatThrownBy(() -> VersionRange.parse(" ")).hasMessageContaining("empty");
    }

    @Test
    void shouldNumberReleasesAndHonourANewMajor() {
        assertThat(VersionLabel.next(List.of(), null)).hasToString("1.0");
        assertThat(VersionLabel.next(List.of("1.0", "1.1"), null)).hasToString("1.2");
        assertThat(VersionLabel.next(List.of("1.0", "1.1"), 2)).hasToString("2.0");
        assertThat(VersionLabel.next(List.of("1.0", "1.1", "2.0"), 2)).as("2.0 exists: next minor").hasToString("2.1");
        assertThat(VersionLabel.next(List.of("1.9", "1.10"), null)).hasToString("1.11");
    }
}
