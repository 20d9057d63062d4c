package io.refinery.workers.collect;

import io.refinery.workflows.sources.FolderRoots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server folders a {@code folder:} source may read on this worker: only under the worker's collect root
 * (compared as real paths), the files collect reads in a folder, their size, and whether a folder is in YOLO layout.
 */
final class CollectFolders {
    private final Path root;

    /** @param root the only folder tree {@code folder:} sources may read; null: folder sources are disabled */
    CollectFolders(Path root) {
        this.root = root;
    }

    private FolderRoots roots() {
        if (root == null) {
            throw new IllegalArgumentException("folder sources are disabled on this worker: start it with"
                    + " --collect-root <dir> (REFINERY_COLLECT_ROOT) to allow reading under <dir>");
        }
        try {
            return new FolderRoots(List.of(root));
        } catch (IOException e) {
            throw new IllegalArgumentException("the collect root " + root + " does not exist on this worker host");
        }
    }

    /** The folder a source names, under the root (refused when it leaves it). */
    Path resolve(String folder) {
        return roots().resolve(folder);
    }

    /** The files of a folder collect reads; a file that is a link out of the root is left out. */
    List<Path> files(Path dir) throws IOException {
        FolderRoots roots = roots();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(Files::isRegularFile).filter(roots::contains)
                    .filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                            .matches(".*\\.(jsonl|ndjson|csv|parquet|json|xml|zip)")).sorted().toList();
            if (found.isEmpty() && !isYoloFolder(dir)) {
                throw new IllegalArgumentException("folder '" + dir + "' has no .jsonl, .ndjson, .csv, .parquet, .json,"
                        + " .xml or .zip files and is not a YOLO folder");
            }
            return found;
        }
    }

    /** Bytes of the files of {@code format} ({@link CollectHandler#wanted}); 0 when a size cannot be read. */
    static long bytes(List<Path> files, String format) {
        long bytes = 0;
        for (Path file : files) {
            if (CollectHandler.wanted(format, file.getFileName().toString())) {
                try {
                    bytes += Files.size(file);
                } catch (IOException e) {
                    return 0; // not known: no time left is shown
                }
            }
        }
        return bytes;
    }

    /** A folder in YOLO layout: class names (data.yaml, classes.txt or obj.names) and an images/ folder. */
    static boolean isYoloFolder(Path dir) {
        return Files.isDirectory(dir.resolve("images")) && (Files.isRegularFile(dir.resolve("data.yaml"))
                || Files.isRegularFile(dir.resolve("classes.txt")) || Files.isRegularFile(dir.resolve("obj.names")));
    }
}
