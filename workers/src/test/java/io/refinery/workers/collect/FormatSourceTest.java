package io.refinery.workers.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.workers.formats.DataItem;
import io.refinery.workers.formats.ExportFormat;
import io.refinery.workers.formats.ItemWriter;
import io.refinery.workflows.rows.CollectStats;
import io.refinery.workflows.rows.QuarantineReason;
import io.refinery.workflows.rows.RowRules;
import io.refinery.workflows.rows.RowSample;
import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FormatSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(FormatSourceTest.class.getResource("/formats/" + name).toURI());
    }

    @Test
    void shouldCollectParquetRowsAndQuarantineARowWithoutTextByRecordNumber() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ItemWriter w = ExportFormat.PARQUET.writer(bytes, List.of(), name -> null)) {
            w.write(new DataItem("a", "hello", "greeting", null, null, null, 0, JSON.readTree("{\"channel\":\"app\"}")));
            w.write(new DataItem(null, "no id here", null, null, DataItem.TEST, null, 0, null));
            w.write(new DataItem("c", null, null, null, null, null, 0, null));
        }
        RowSample sink = RowSample.all();

        CollectStats stats = new FormatSource(RowRules.defaults()).read("tickets.parquet",
                new ByteArrayInputStream(bytes.toByteArray()), sink);

        assertThat(sink.rows()).extracting(a -> a.row().toString()).containsExactly(
                "{\"channel\":\"app\",\"id\":\"a\",\"text\":\"hello\",\"label\":\"greeting\"}",
                "{\"id\":\"tickets.parquet#2\",\"text\":\"no id here\",\"split\":\"test\"}");
        assertThat(sink.reasons()).containsExactly("3: field \"text\" is missing or not a string");
        assertThat(stats.quarantinedByReason()).isEqualTo(Map.of(QuarantineReason.INVALID_RECORD, 1L));
    }

    @Test
    void shouldCollectCocoImageRowsAndQuarantinePicturesThatWereNotUploaded() throws Exception {
        RowSample sink = RowSample.all();
        FormatSource source = new FormatSource(RowRules.images(Set.of("frame_000000.jpg", "frame_000001.jpg")));

        try (InputStream in = Files.newInputStream(fixture("coco-cvat/annotations/instances_default.json"))) {
            source.read("instances_default.json", in, sink);
        }

        assertThat(sink.rows()).extracting(a -> a.row().path("image").asText())
                .containsExactly("frame_000000.jpg", "frame_000001.jpg");
        assertThat(sink.rows().get(0).row().path("annotation").path("boxes")).hasSize(2);
        assertThat(sink.reasons()).containsExactly(
                "4: annotations[3].category_id 99: no such category",
                "5: annotations[4].image_id 42: no such image",
                "3: field \"image\": image \"frame_000002.jpg\" is not among the version's uploaded images");
    }

    @Test
    void shouldTellAYoloFolderAndReadIt() throws Exception {
        Path dir = fixture("yolo-ultralytics");
        RowSample sink = RowSample.all();
        assertThat(CollectFolders.isYoloFolder(dir)).isTrue();

        CollectStats stats = new FormatSource(RowRules.images(Set.of("street_0001.png", "street_0002.png",
                "street_0003.png", "street_0004.png"))).readYoloFolder("street", dir, sink);

        assertThat(stats.accepted()).isEqualTo(4);
        assertThat(sink.rows().get(2).row().path("split").asText()).isEqualTo("validation");
    }

    @Test
    void shouldAcceptTheNewFormatNamesOfTheCollectStep() {
        assertThat(CollectHandler.wanted("parquet", "a.parquet")).isTrue();
        assertThat(CollectHandler.wanted("coco", "a.json")).isTrue();
        assertThat(CollectHandler.wanted("yolo", "a.csv")).isFalse();
    }
}
