package io.refinery.workers.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Files in the exact layouts other tools write (CVAT COCO 1.0 and Pascal VOC, Label Studio COCO, an Ultralytics
 * YOLO dataset folder, Stanford Alpaca), with their quirks, under {@code src/test/resources/formats/}.
 */
class ForeignFilesImportTest {

    static Path fixture(String name) {
        try {
            return Path.of(ForeignFilesImportTest.class.getResource("/formats/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static FormatRoundTripTest.Collected read(String source, Path file) throws IOException {
        FormatRoundTripTest.Collected c = new FormatRoundTripTest.Collected();
        try (InputStream in = Files.newInputStream(file)) {
            ExportFormat.read(source, in, c);
        }
        return c;
    }

    static JsonNode json(String text) {
        return FormatRoundTripTest.json(text);
    }

    @Test
    void shouldImportCvatCocoWithSparseCategoryIdsCrowdRegionsAndQuarantineBadAnnotations() throws IOException {
        var c = read("instances_default.json", fixture("coco-cvat/annotations/instances_default.json"));

        assertThat(c.items).extracting(DataItem::text).containsExactly("frame_000000.jpg", "frame_000001.jpg",
                "frame_000002.jpg");
        assertThat(c.items.get(0).annotation()).isEqualTo(json("{\"boxes\":[{\"x\":10.5,\"y\":20,\"w\":40,\"h\":30,"
                + "\"label\":\"car\"},{\"x\":100,\"y\":100,\"w\":50,\"h\":60,\"label\":\"dog\"}]}"));
        assertThat(c.items.get(1).annotation()).isEqualTo(json("{\"boxes\":[{\"x\":1,\"y\":0,\"w\":12,\"h\":12,"
                + "\"label\":\"person\"}]}"));
        assertThat(c.items.get(2).annotation()).isEqualTo(json("{\"boxes\":[]}"));
        assertThat(c.items.get(0).meta()).isEqualTo(json("{\"width\":640,\"height\":480}"));
        assertThat(c.rejected).containsExactly(
                "instances_default.json:4: annotations[3].category_id 99: no such category",
                "instances_default.json:5: annotations[4].image_id 42: no such image");
    }

    @Test
    void shouldImportLabelStudioCocoWithCategoriesFromZeroAndFolderPrefixes() throws IOException {
        var c = read("result.json", fixture("coco-label-studio/result.json"));

        assertThat(c.rejected).isEmpty();
        assertThat(c.items).extracting(DataItem::text).containsExactly("0c8b7f2e-cat.jpg", "9a1d-dog.jpg");
        assertThat(c.items.get(0).annotation()).isEqualTo(json("{\"boxes\":[{\"x\":12.5,\"y\":30,\"w\":100.25,"
                + "\"h\":80,\"label\":\"Cat\"}]}"));
    }

    @Test
    void shouldImportAnUltralyticsYoloFolderAndTheSameFolderZipped() throws IOException {
        Path dir = fixture("yolo-ultralytics");
        var folder = new FormatRoundTripTest.Collected();
        YoloFormat.readFolder("street", dir, folder);
        var zipped = read("street.zip", zip(dir));

        for (var c : List.of(folder, zipped)) {
            assertThat(c.rejected).isEmpty();
            assertThat(c.items).extracting(DataItem::text, DataItem::split).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("street_0001.png", "train"),
                    org.assertj.core.groups.Tuple.tuple("street_0002.png", "train"),
                    org.assertj.core.groups.Tuple.tuple("street_0003.png", "validation"),
                    org.assertj.core.groups.Tuple.tuple("street_0004.png", "validation"));
            // 64 x 48: cx .5 cy .5 w .25 h .5 -> x 24, y 12, w 16, h 24
            assertThat(c.items.get(0).annotation()).isEqualTo(json("{\"boxes\":[{\"x\":24,\"y\":12,\"w\":16,\"h\":24,"
                    + "\"label\":\"car\"},{\"x\":0,\"y\":0,\"w\":16,\"h\":24,\"label\":\"traffic light\"}]}"));
            assertThat(c.items.get(1).annotation()).isEqualTo(json("{\"boxes\":[{\"x\":0,\"y\":0,\"w\":64,\"h\":48,"
                    + "\"label\":\"person\"}]}"));
            assertThat(c.items.get(3).annotation()).isEqualTo(json("{\"boxes\":[]}"));
        }
    }

    @Test
    void shouldRejectAWholeYoloLabelFileNamingItsBadLineAndField() throws IOException {
        var c = new FormatRoundTripTest.Collected();
        YoloFormat.readFolder("broken", fixture("yolo-broken"), c);

        assertThat(c.items).extracting(DataItem::text).containsExactly("a.png");
        assertThat(c.rejected).containsExactly(
                "broken!labels/train/b.txt:2: field class: 7 is not among the 2 class names",
                "broken!labels/train/c.txt:1: field w: 1.5 is not normalized to 0..1");
    }

    @Test
    void shouldImportACvatVocZipAndRefuseXmlWithADoctype() throws IOException {
        var c = read("voc.zip", zip(fixture("voc-cvat")));
        assertThat(c.rejected).isEmpty();
        assertThat(c.items).singleElement().satisfies(i -> {
            assertThat(i.text()).isEqualTo("frame_000000.jpg");
            assertThat(i.annotation()).isEqualTo(json("{\"boxes\":[{\"x\":10.5,\"y\":20,\"w\":40,\"h\":30,"
                    + "\"label\":\"car\"}]}"));
        });

        var xxe = read("evil.xml", fixture("voc-doctype.xml"));
        assertThat(xxe.items).isEmpty();
        assertThat(xxe.rejected).singleElement().asString().startsWith("evil.xml:1: not readable XML:")
                .contains("DOCTYPE");
    }

    @Test
    void shouldImportStanfordAlpacaAndQuarantineARecordWithoutInstruction() throws IOException {
        var c = read("alpaca_data.json", fixture("alpaca/alpaca_data.json"));

        assertThat(c.items).extracting(DataItem::text).containsExactly("Give three tips for staying healthy.",
                "Identify the odd one out.", "What are the three primary colors?");
        assertThat(c.items.get(1).annotation()).isEqualTo(json("{\"instruction\":\"Identify the odd one out.\","
                + "\"input\":\"Twitter, Instagram, Telegram\",\"output\":\"Telegram\"}"));
        assertThat(c.rejected).containsExactly(
                "alpaca_data.json:3: [2].instruction: missing, blank or not a string");
    }

    @Test
    void shouldRejectGarbageWithoutThrowing() throws IOException {
        for (String name : List.of("x.json", "x.zip", "x.parquet", "x.xml")) {
            var c = new FormatRoundTripTest.Collected();
            ExportFormat.read(name, new ByteArrayInputStream("{\"images\":[1,".getBytes()), c);
            assertThat(c.items).as(name).isEmpty();
            assertThat(c.rejected).as(name).isNotEmpty();
        }
    }

    static Path zip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(dir.getFileName() + "/" + dir.relativize(f).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        Path out = Files.createTempFile("fixture-", ".zip");
        Files.write(out, bytes.toByteArray());
        return out;
    }
}
