package io.refinery.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LabelWavesTest {

    @ParameterizedTest
    @CsvSource({"0,1,1,200", "1,1,1,200", "200,2,1,200", "201,2,2,200", "450,2,3,200", "18336,2,92,200",
            "90000,2,300,300", "90001,2,299,302", "1000,3,5,201"})
    void wavesCoverTheRoundAndStaySmall(int tasks, int overlap, int waves, int size) {
        LabelWaves w = LabelWaves.of(tasks, overlap);
        assertThat(w.waveCount()).isEqualTo(waves);
        assertThat(w.waveSize()).isEqualTo(size);
        assertThat(w.waveSize() % overlap).as("a package's slots in one wave").isZero();
        int sum = IntStream.range(0, w.waveCount()).map(w::tasksOf).sum();
        assertThat(sum).isEqualTo(tasks);
        IntStream.range(0, w.waveCount()).forEach(i -> assertThat(w.tasksOf(i)).isBetween(0, w.waveSize()));
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThatThrownBy(() -> LabelWaves.of(-1, 2)).hasMessageContaining("taskCount");
    }
}
