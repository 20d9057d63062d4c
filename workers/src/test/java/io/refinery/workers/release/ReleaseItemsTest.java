package io.refinery.workers.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workers.formats.DataItem;
import io.refinery.workers.formats.Picture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release with splits, every fitting format, lineage and datasheet, written as the release step writes it. */
class ReleaseItemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Lineage lineage() {
        return new Lineage("pi-1", "dataset-construction", 3, "dataset-construction:3:abc",
                List.of(new Lineage.SourceFile("tickets.jsonl", 1234L, "ab".repeat(32))),
                List.of("normalize", "dedup", "mask-pii(kinds=phone|email)"), Map.of("collect", "0.1.0", "release", "dev"),
                2);
    }

    private Manifest release(Path dir, String taskType, List<DataItem> items, Picture.Lookup pictures)
            throws IOException {
        ReleaseWriter writer = ReleaseWriter.create(dir, "tickets", "1.0", ReleaseFixtures.CREATED_AT);
        ReleaseItems data;
        try (ReleaseItems out = new ReleaseItems(writer, taskType, List.of("billing", "delivery"), pictures,
                new SplitAssigner(80, 10, 10, 11))) {
            data = out;
            for (DataItem item : items) {
                out.write(item);
            }
        }
        writer.writeQualityReport(Map.of());
        SplitSummary splits = data.summary(80, 10, 10, 11);
        writer.describe(lineage(), splits);
        writer.writeDatasheet(ReleaseFixtures.facts(ReleaseFixtures.quality())
                .withRelease(lineage(), splits, data.files()));
        return writer.finish();
    }

    static List<DataItem> textItems(int n) {
        List<DataItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new DataItem("t" + i, "text " + i, i % 4 == 0 ? "delivery" : "billing", null, null,
                    "tickets.jsonl", i + 1, null));
        }
        return items;
    }

    @Test
    void shouldWriteSplitsFormatsLineageAndAManifestThatVerifies() throws IOException {
        Path dir = tmp.resolve("1.0");
        Manifest manifest = release(dir, "text-classification", textItems(200), name -> null);

        assertThat(manifest.files()).extracting(ManifestFile::path).containsExactly("data.csv", "data.jsonl",
                "data.parquet", "datasheet.md", "quality-report.json", "quarantine.jsonl", "test.jsonl", "train.jsonl",
                "validation.jsonl");
        assertThat(ManifestVerifier.verify(dir)).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("train.jsonl"))).hasSize(160);
        assertThat(Files.readAllLines(dir.resolve("validation.jsonl"))).hasSize(20);
        assertThat(Files.readAllLines(dir.resolve("test.jsonl"))).hasSize(20);
        assertThat(Files.readAllLines(dir.resolve("data.jsonl"))).hasSize(200)
                .allSatisfy(line -> assertThat(JSON.readTree(line).path("split").asText()).isNotEmpty());

        JsonNode json = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertThat(json.path("lineage").path("processDefinitionKey").asText()).isEqualTo("dataset-construction");
        assertThat(json.path("lineage").path("sources").get(0).path("sha256").asText()).hasSize(64);
        assertThat(json.path("lineage").path("operators").get(2).asText()).isEqualTo("mask-pii(kinds=phone|email)");
        assertThat(json.path("splits").path("items").path("test").asLong()).isEqualTo(20);
        assertThat(json.path("splits").path("classes").path("test").path("delivery").asLong()).isEqualTo(5);
        assertThat(json.path("splits").path("seed").asLong()).isEqualTo(11);

        String datasheet = Files.readString(dir.resolve("datasheet.md"));
        assertThat(datasheet).contains("| test | 20 |", "seed 11", "dataset-construction version 3",
                "| tickets.jsonl | 1234 |", "Worker versions: collect 0.1.0, release dev", "`data.parquet`",
                "License: internal use only");
    }

    @Test
    void shouldWriteTheSameBytesWhenRunTwice() throws IOException {
        release(tmp.resolve("a"), "text-classification", textItems(100), name -> null);
        release(tmp.resolve("b"), "text-classification", textItems(100), name -> null);

        assertThat(Files.readAllBytes(tmp.resolve("b/manifest.json")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("a/manifest.json")));
    }

    @Test
    void shouldWriteCocoYoloAndVocForBoxes() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", png);
        List<DataItem> items = List.of(new DataItem(null, "s1.png", null,
                JSON.readTree("{\"boxes\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4,\"label\":\"billing\"}]}"), null, "rows.jsonl",
                1, null));
        Path dir = tmp.resolve("img");
        Manifest manifest = release(dir, "image-bbox", items, name -> Picture.of(name, png.toByteArray()));

        assertThat(manifest.files()).extracting(ManifestFile::path).contains("coco.json", "yolo.zip", "voc.zip")
                .doesNotContain("alpaca.json");
        assertThat(JSON.readTree(dir.resolve("coco.json").toFile()).path("images").get(0).path("width").asInt())
                .isEqualTo(40);
        assertThat(ManifestVerifier.verify(dir)).isEmpty();
    }
}
