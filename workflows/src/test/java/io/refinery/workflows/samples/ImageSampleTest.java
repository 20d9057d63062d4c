package io.refinery.workflows.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSampleTest {
    private static final Path SHIPPED = Path.of("src/main/resources/samples/shapes");

    @Test
    void generatorReproducesTheShippedFilesByteForByte(@TempDir Path tmp) throws IOException {
        ImageSampleGenerator.generate(tmp);

        List<String> generated = names(tmp);
        assertThat(names(SHIPPED)).isEqualTo(generated);
        for (String name : generated) {
            assertThat(Files.readAllBytes(tmp.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(SHIPPED.resolve(name)));
        }
    }

    @Test
    void twoRunsGiveIdenticalBytes(@TempDir Path a, @TempDir Path b) throws IOException {
        ImageSampleGenerator.generate(a);
        ImageSampleGenerator.generate(b);
        for (String name : names(a)) {
            assertThat(Files.readAllBytes(b.resolve(name))).as(name).isEqualTo(Files.readAllBytes(a.resolve(name)));
        }
    }

    @Test
    void sampleIsSmallCompleteAndItsBoxesLieInsideTheImages() throws IOException {
        long bytes = 0;
        for (String name : names(SHIPPED)) {
            bytes += Files.size(SHIPPED.resolve(name));
        }
        assertThat(bytes).isLessThan(1_500_000);
        List<String> lines = Files.readAllLines(SHIPPED.resolve("annotations.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(ImageSampleGenerator.IMAGES);
        List<ImageSampleGenerator.Scene> scenes = ImageSampleGenerator.generate(Files.createTempDirectory("shapes"));
        for (ImageSampleGenerator.Scene scene : scenes) {
            BufferedImage image = ImageIO.read(SHIPPED.resolve(scene.image()).toFile());
            assertThat(image.getWidth()).isEqualTo(ImageSampleGenerator.WIDTH);
            assertThat(image.getHeight()).isEqualTo(ImageSampleGenerator.HEIGHT);
            assertThat(scene.boxes()).isNotEmpty().allSatisfy(box -> {
                assertThat(box.x()).isGreaterThanOrEqualTo(0);
                assertThat(box.y()).isGreaterThanOrEqualTo(0);
                assertThat(box.x() + box.w()).isLessThanOrEqualTo(image.getWidth());
                assertThat(box.y() + box.h()).isLessThanOrEqualTo(image.getHeight());
                assertThat(box.w()).isGreaterThan(5);
                assertThat(box.h()).isGreaterThan(5);
                assertThat(ImageSampleGenerator.LABELS).contains(box.label());
            });
        }
        assertThat(ImageSampleGenerator.boxCounts(scenes).values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(10));
        try (InputStream readme = Objects.requireNonNull(getClass().getResourceAsStream("/samples/shapes/README.md"))) {
            assertThat(new String(readme.readAllBytes(), StandardCharsets.UTF_8)).contains("样例", "Sample");
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
