package io.refinery.workers.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a release folder against its {@code manifest.json}: every listed file exists inside the folder with the
 * listed size and SHA-256, nothing is listed twice, and no file is unlisted. Returns the problems, sorted; an
 * empty list means the release is intact.
 */
public final class ManifestVerifier {

    private ManifestVerifier() {
    }

    public static List<String> verify(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Path manifestFile = root.resolve(Manifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            return List.of(Manifest.FILE_NAME + ": missing");
        }
        JsonNode manifest;
        try {
            manifest = CanonicalJson.MAPPER.readTree(manifestFile.toFile());
        } catch (IOException e) {
            return List.of(Manifest.FILE_NAME + ": unreadable: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode files = manifest.path("files");
        if (!files.isArray()) {
            return List.of(Manifest.FILE_NAME + ": no \"files\" array");
        }
        List<String> problems = new ArrayList<>();
        Set<Path> listed = new HashSet<>();
        for (JsonNode entry : files) {
            String path = entry.path("path").asText("");
            Path file = root.resolve(path).normalize();
            if (path.isEmpty() || !file.startsWith(root) || file.equals(root) || file.equals(manifestFile)) {
                problems.add(path + ": not a file path inside the release folder");
            } else if (!listed.add(file)) {
                problems.add(path + ": listed twice");
            } else if (!Files.isRegularFile(file)) {
                problems.add(path + ": missing");
            } else {
                checkFile(file, path, entry, problems);
            }
        }
        try (Stream<Path> present = Files.walk(root)) {
            present.filter(Files::isRegularFile).filter(p -> !p.equals(manifestFile) && !listed.contains(p))
                    .forEach(p -> problems.add(root.relativize(p).toString().replace('\\', '/')
                            + ": not listed in the manifest"));
        }
        problems.sort(null);
        return problems;
    }

    private static void checkFile(Path file, String path, JsonNode entry, List<String> problems) throws IOException {
        long bytes = Files.size(file);
        if (!entry.path("bytes").canConvertToLong() || entry.path("bytes").asLong() != bytes) {
            problems.add(path + ": size " + bytes + " bytes, manifest says " + entry.path("bytes"));
        }
        MessageDigest sha = ChecksummedOutputStream.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        String expected = entry.path("sha256").asText("");
        if (!actual.equalsIgnoreCase(expected)) {
            problems.add(path + ": sha256 " + actual + ", manifest says " + expected);
        }
    }
}
