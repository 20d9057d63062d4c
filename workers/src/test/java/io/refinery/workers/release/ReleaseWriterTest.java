package io.refinery.workers.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseWriterTest {

    @TempDir
    Path tmp;

    @Test
    void shouldWriteEveryFileAndAManifestWithTheirSizesAndChecksums() throws Exception {
        Path dir = tmp.resolve("support-tickets-v1");

        Manifest manifest = ReleaseFixtures.write(dir);

        assertThat(manifest.files()).extracting(ManifestFile::path).containsExactly("data.jsonl", "datasheet.md",
                "quality-report.json", "quarantine.jsonl");
        for (ManifestFile file : manifest.files()) {
            byte[] bytes = Files.readAllBytes(dir.resolve(file.path()));
            assertThat(file.bytes()).isEqualTo(bytes.length);
            assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("data.jsonl",
                    "datasheet.md", "manifest.json", "quality-report.json", "quarantine.jsonl");
        }
        assertThat(tmp.resolve("support-tickets-v1.partial")).doesNotExist();
        assertThat(ManifestVerifier.verify(dir)).isEmpty();
    }

    @Test
    void shouldWriteTheManifestAsSortedJson() throws IOException {
        Path dir = tmp.resolve("r");
        ReleaseFixtures.write(dir);

        String manifest = Files.readString(dir.resolve("manifest.json"));
        JsonNode json = new ObjectMapper().readTree(manifest);

        assertThat(manifest).startsWith("{\n  \"createdAt\" : \"2026-11-28T10:15:30Z\",\n  \"dataset\" : \"support-tickets\",")
                .endsWith("}\n");
        assertThat(json.get("version").asText()).isEqualTo("v1");
        assertThat(json.get("files").get(0).fieldNames()).toIterable().containsExactly("bytes", "path", "sha256");
    }

    @Test
    void shouldWriteOneJsonObjectPerLineWithSortedKeys() throws IOException {
        Path dir = tmp.resolve("r");
        ReleaseFixtures.write(dir);

        List<String> lines = Files.readAllLines(dir.resolve("data.jsonl"), StandardCharsets.UTF_8);

        assertThat(lines).containsExactly(
                "{\"id\":\"1\",\"label\":\"billing\",\"line\":1,\"meta\":{\"channel\":\"app\",\"z\":1},"
                        + "\"source\":\"tickets.jsonl\",\"text\":\"账单 [PHONE]\"}",
                "{\"id\":\"2\",\"label\":\"delivery\",\"text\":\"where is my parcel\"}");
        assertThat(Files.readString(dir.resolve("quarantine.jsonl"))).isEqualTo(
                "{\"line\":2,\"raw\":\"{\\\"id\\\":\",\"reason\":\"invalid JSON: Unexpected end-of-input\","
                        + "\"source\":\"tickets.jsonl\"}\n");
    }

    @Test
    void shouldUseOnlyLineFeedsInEveryFile() throws IOException {
        Path dir = tmp.resolve("r");
        ReleaseFixtures.write(dir);

        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("\r").endsWith("\n");
            }
        }
    }

    @Test
    void shouldWriteTheSameBytesForTheSameInputs() throws IOException {
        Manifest first = ReleaseFixtures.write(tmp.resolve("a"));
        Manifest second = ReleaseFixtures.write(tmp.resolve("b"));

        assertThat(second).isEqualTo(first);
        assertThat(Files.readAllBytes(tmp.resolve("b/manifest.json"))).isEqualTo(
                Files.readAllBytes(tmp.resolve("a/manifest.json")));
    }

    @Test
    void shouldWriteTheQualityReportFromTheQcResult() throws IOException {
        Path dir = tmp.resolve("r");
        ReleaseFixtures.write(dir);

        JsonNode report = new ObjectMapper().readTree(dir.resolve("quality-report.json").toFile());

        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("agreement").get("kappa").asDouble()).isEqualTo(1.0);
        assertThat(report.get("checks")).hasSize(9); // text-classification, no gold answers
        List<String> names = new java.util.ArrayList<>();
        report.fieldNames().forEachRemaining(names::add);
        assertThat(names).isSorted();
    }

    @Test
    void shouldRefuseToOverwriteAFinishedRelease() throws IOException {
        Path dir = tmp.resolve("r");
        ReleaseFixtures.write(dir);

        assertThatThrownBy(() -> ReleaseWriter.create(dir, "support-tickets", "v1", ReleaseFixtures.CREATED_AT))
                .isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void shouldReplaceTheLeftoversOfACrashedRun() throws IOException {
        Path partial = Files.createDirectories(tmp.resolve("r.partial"));
        Files.writeString(partial.resolve("data.jsonl"), "half a line");
        Files.writeString(partial.resolve("stray.txt"), "junk");

        ReleaseFixtures.write(tmp.resolve("r"));

        assertThat(tmp.resolve("r/stray.txt")).doesNotExist();
        assertThat(ManifestVerifier.verify(tmp.resolve("r"))).isEmpty();
    }

    @Test
    void shouldWriteAnEmptyQuarantineWhenThereIsNone() throws IOException {
        ReleaseWriter writer = ReleaseWriter.create(tmp.resolve("r"), "d", "v1", ReleaseFixtures.CREATED_AT);
        writer.openData().close();
        writer.writeQualityReport(ReleaseFixtures.quality());
        writer.writeDatasheet(ReleaseFixtures.facts(ReleaseFixtures.quality()));

        Manifest manifest = writer.finish();

        assertThat(manifest.files()).filteredOn(f -> f.path().equals("quarantine.jsonl")).singleElement()
                .satisfies(f -> {
                    assertThat(f.bytes()).isZero();
                    assertThat(f.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
                });
    }

    @Test
    void shouldRefuseToFinishAnIncompleteRelease() throws IOException {
        ReleaseWriter writer = ReleaseWriter.create(tmp.resolve("r"), "d", "v1", ReleaseFixtures.CREATED_AT);
        JsonlWriter data = writer.openData();

        assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("close these files before finishing: [data.jsonl]");
        data.close();
        assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class)
                .hasMessage("quality-report.json was not written");
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void shouldRejectBadOrRepeatedFileNames() throws IOException {
        ReleaseWriter writer = ReleaseWriter.create(tmp.resolve("r"), "d", "v1", ReleaseFixtures.CREATED_AT);
        writer.openData().close();

        assertThatThrownBy(writer::openData).isInstanceOf(IllegalStateException.class)
                .hasMessage("data.jsonl was already written");
        assertThatThrownBy(() -> writer.openJsonl("../escape.jsonl")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.openJsonl("manifest.json")).isInstanceOf(IllegalArgumentException.class);
        try (JsonlWriter split = writer.openJsonl("test.jsonl")) {
            split.write(new ObjectMapper().createObjectNode().put("id", "x"));
            assertThat(split.lines()).isEqualTo(1);
        }
    }
}
