package io.refinery.workers.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestVerifierTest {

    @TempDir
    Path tmp;

    private Path dir;

    @BeforeEach
    void writeRelease() throws IOException {
        dir = tmp.resolve("release");
        ReleaseFixtures.write(dir);
    }

    @Test
    void shouldFindNothingWrongInAnIntactRelease() throws IOException {
        assertThat(ManifestVerifier.verify(dir)).isEmpty();
    }

    @Test
    void shouldDetectAChangedFileOfTheSameSize() throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("data.jsonl"));
        bytes[2] = (byte) (bytes[2] == 'x' ? 'y' : 'x');
        Files.write(dir.resolve("data.jsonl"), bytes);

        assertThat(ManifestVerifier.verify(dir)).singleElement().asString().startsWith("data.jsonl: sha256 ");
    }

    @Test
    void shouldDetectAChangedSize() throws IOException {
        Files.writeString(dir.resolve("datasheet.md"), "more\n", StandardOpenOption.APPEND);

        assertThat(ManifestVerifier.verify(dir)).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("datasheet.md: size "))
                .anySatisfy(p -> assertThat(p).startsWith("datasheet.md: sha256 "));
    }

    @Test
    void shouldDetectMissingAndUnlistedFiles() throws IOException {
        Files.delete(dir.resolve("quarantine.jsonl"));
        Files.writeString(dir.resolve("extra.txt"), "sneaked in");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/deep.txt"), "also");

        assertThat(ManifestVerifier.verify(dir)).containsExactly("extra.txt: not listed in the manifest",
                "quarantine.jsonl: missing", "sub/deep.txt: not listed in the manifest");
    }

    @Test
    void shouldRejectPathsOutsideTheFolderAndDuplicates() throws IOException {
        String manifest = Files.readString(dir.resolve("manifest.json"));
        Files.writeString(tmp.resolve("outside.txt"), "x");
        String tampered = manifest.replace("\"files\" : [", "\"files\" : [ {\"path\":\"../outside.txt\",\"bytes\":1,"
                + "\"sha256\":\"00\"}, {\"path\":\"data.jsonl\",\"bytes\":0,\"sha256\":\"00\"}, ");
        Files.writeString(dir.resolve("manifest.json"), tampered, StandardCharsets.UTF_8);

        long size = Files.size(dir.resolve("data.jsonl"));

        assertThat(ManifestVerifier.verify(dir)).satisfiesExactly(
                p -> assertThat(p).isEqualTo("../outside.txt: not a file path inside the release folder"),
                p -> assertThat(p).isEqualTo("data.jsonl: listed twice"),
                p -> assertThat(p).startsWith("data.jsonl: sha256 ").endsWith(", manifest says 00"),
                p -> assertThat(p).isEqualTo("data.jsonl: size " + size + " bytes, manifest says 0"));
    }

    @Test
    void shouldReportAMissingOrBrokenManifest() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{not json");
        assertThat(ManifestVerifier.verify(dir)).singleElement().asString().startsWith("manifest.json: unreadable: ");

        Files.writeString(dir.resolve("manifest.json"), "{}");
        assertThat(ManifestVerifier.verify(dir)).containsExactly("manifest.json: no \"files\" array");

        Files.delete(dir.resolve("manifest.json"));
        assertThat(ManifestVerifier.verify(dir)).containsExactly("manifest.json: missing");
    }
}
