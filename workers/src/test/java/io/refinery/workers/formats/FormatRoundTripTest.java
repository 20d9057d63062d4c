package io.refinery.workers.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every format: export, re-import, same content (what the format carries). */
class FormatRoundTripTest {

    @TempDir
    Path tmp;

    static JsonNode json(String text) {
        try {
            return ItemJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<DataItem> textItems() {
        return List.of(
                new DataItem("1", "账单 [PHONE], \"quoted\", comma", "billing", null, DataItem.TRAIN, "a.jsonl", 1,
                        json("{\"channel\":\"app\",\"z\":1}")),
                new DataItem("2", "line one\nline two", "delivery", null, DataItem.TEST, "a.jsonl", 2, null),
                new DataItem(null, "multi", null, json("{\"labels\":[\"a\",\"b\"]}"), DataItem.VALIDATION, "b.csv", 7,
                        json("{\"k\":[1,2.5,null]}")));
    }

    static List<DataItem> boxItems() {
        return List.of(
                new DataItem("img-1", "scene-01.png", null, json("{\"boxes\":[{\"x\":10,\"y\":20,\"w\":30,\"h\":40,"
                        + "\"label\":\"circle\"},{\"x\":0,\"y\":0,\"w\":64,\"h\":48,\"label\":\"square\"}]}"),
                        DataItem.TRAIN, null, 0, null),
                new DataItem("img-2", "scene-02.png", null, json("{\"boxes\":[]}"), DataItem.VALIDATION, null, 0, null),
                new DataItem("img-3", "scene-03.png", null, json("{\"boxes\":[{\"x\":5,\"y\":6,\"w\":7,\"h\":8,"
                        + "\"label\":\"triangle\"}]}"), DataItem.TEST, null, 0, null));
    }

    static Map<String, Picture> pictures(int width, int height, String... names) throws IOException {
        Map<String, Picture> map = new HashMap<>();
        for (String n : names) {
            map.put(n, Picture.of(n, png(width, height)));
        }
        return map;
    }

    static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private Path write(ExportFormat format, List<DataItem> items, List<String> labels, Map<String, Picture> pics)
            throws IOException {
        Path file = tmp.resolve(format.fileName());
        try (ItemWriter w = format.writer(Files.newOutputStream(file), labels, pics::get)) {
            for (DataItem item : items) {
                w.write(item);
            }
        }
        return file;
    }

    static final class Collected implements ItemSink {
        final List<DataItem> items = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();

        @Override
        public void item(String source, long record, DataItem item) {
            items.add(item);
        }

        @Override
        public void rejected(String source, long record, String reason, String raw) {
            rejected.add(source + ":" + record + ": " + reason);
        }
    }

    private Collected read(Path file) throws IOException {
        Collected c = new Collected();
        try (InputStream in = Files.newInputStream(file)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".jsonl")) {
                JsonlFormat.read(name, in, c);
            } else if (name.endsWith(".csv")) {
                CsvFormat.read(name, in, c);
            } else {
                ExportFormat.read(name, in, c);
            }
        }
        assertThat(c.rejected).isEmpty();
        return c;
    }

    @Test
    void shouldRoundTripJsonlCsvAndParquetWithEveryField() throws IOException {
        for (ExportFormat f : List.of(ExportFormat.JSONL, ExportFormat.CSV, ExportFormat.PARQUET)) {
            Collected back = read(write(f, textItems(), List.of("billing", "delivery"), Map.of()));
            assertThat(back.items).as(f.name()).containsExactlyElementsOf(textItems());
        }
    }

    @Test
    void shouldRoundTripCocoForBoxesAndForImageClasses() throws IOException {
        Map<String, Picture> pics = pictures(64, 48, "scene-01.png", "scene-02.png", "scene-03.png");
        Collected back = read(write(ExportFormat.COCO, boxItems(), List.of("circle", "square", "triangle"), pics));
        assertThat(back.items).extracting(DataItem::core).containsExactlyElementsOf(boxItems());
        assertThat(back.items.get(0).meta()).isEqualTo(json("{\"width\":64,\"height\":48}"));

        List<DataItem> classes = List.of(new DataItem("c1", "scene-01.png", "cat", null, DataItem.TRAIN, null, 0, null),
                new DataItem("c2", "scene-02.png", "dog", null, DataItem.TEST, null, 0, null));
        Files.delete(tmp.resolve("coco.json"));
        Collected classBack = read(write(ExportFormat.COCO, classes, List.of("cat", "dog"), pics));
        assertThat(classBack.items).extracting(DataItem::core).containsExactlyElementsOf(classes);
    }

    @Test
    void shouldRoundTripYoloAndVocZipsWithoutIds() throws IOException {
        Map<String, Picture> pics = pictures(64, 48, "scene-01.png", "scene-02.png", "scene-03.png");
        List<DataItem> expected = boxItems().stream()
                .map(i -> new DataItem(null, i.text(), null, i.annotation(), i.split(), null, 0, null)).toList();
        for (ExportFormat f : List.of(ExportFormat.YOLO, ExportFormat.VOC)) {
            Collected back = read(write(f, boxItems(), List.of("circle", "square", "triangle"), pics));
            assertThat(back.items).as(f.name()).extracting(DataItem::core)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void shouldRoundTripAlpaca() throws IOException {
        List<DataItem> items = List.of(
                new DataItem("i1", "Translate to French: cat", null,
                        json("{\"instruction\":\"Translate to French\",\"input\":\"cat\",\"output\":\"chat\"}"),
                        DataItem.TRAIN, null, 0, null),
                new DataItem("i2", "Say hi", null, json("{\"instruction\":\"Say hi\",\"input\":\"\",\"output\":\"hi\"}"),
                        DataItem.TEST, null, 0, null));
        Collected back = read(write(ExportFormat.ALPACA, items, List.of(), Map.of()));
        assertThat(back.items).extracting(DataItem::core).containsExactlyElementsOf(items);
        assertThat(ItemJson.MAPPER.readTree(tmp.resolve("alpaca.json").toFile()).isArray()).isTrue();
    }

    @Test
    void shouldWriteTheSameBytesTwice() throws IOException {
        Map<String, Picture> pics = pictures(64, 48, "scene-01.png", "scene-02.png", "scene-03.png");
        for (ExportFormat f : ExportFormat.values()) {
            List<DataItem> items = f == ExportFormat.JSONL || f == ExportFormat.CSV || f == ExportFormat.PARQUET
                    ? textItems() : boxItems();
            byte[] first = Files.readAllBytes(write(f, items, List.of("circle"), pics));
            Files.delete(tmp.resolve(f.fileName()));
            assertThat(Files.readAllBytes(write(f, items, List.of("circle"), pics))).as(f.name()).isEqualTo(first);
        }
    }
}
