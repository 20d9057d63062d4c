package io.refinery.workflows.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which server folders a {@code folder:<path>} source may read: only folders under one of the configured roots,
 * compared as real paths ({@link Path#toRealPath}: symbolic links and {@code ..} resolved), so a link inside a root
 * cannot lead out of it. A relative path is taken under each root in turn. Used by the engine when a demand is
 * filed ({@code refinery.sources.folder-roots}) and by the collect worker ({@code --collect-root}).
 */
public final class FolderRoots {

    public static final String PREFIX = "folder:";

    private final List<Path> roots;

    /** @param roots the allowed roots; each must exist (it is resolved to its real path here) */
    public FolderRoots(List<Path> roots) throws IOException {
        List<Path> real = new ArrayList<>();
        for (Path root : roots) {
            real.add(root.toRealPath());
        }
        this.roots = List.copyOf(real);
    }

    public List<Path> roots() {
        return roots;
    }

    /** The real path of folder {@code folder}; refuses one outside every root, or missing, naming it. */
    public Path resolve(String folder) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("folder '" + folder + "': no folder roots are configured, so no server"
                    + " folder may be read");
        }
        if (folder.isBlank()) {
            throw new IllegalArgumentException("folder '': name a folder under a root");
        }
        boolean found = false;
        for (Path root : roots) {
            Path candidate = root.resolve(folder);
            if (!Files.exists(candidate)) {
                continue;
            }
            found = true;
            Path real;
            try {
                real = candidate.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (real.startsWith(root) && Files.isDirectory(real)) {
                return real;
            }
        }
        throw new IllegalArgumentException(found
                ? "folder '" + folder + "' is outside the allowed roots " + roots + " (or not a folder)"
                : "folder '" + folder + "' does not exist under the allowed roots " + roots);
    }

    /** Whether {@code file} (a file found in an allowed folder) really lies under a root: a link may point out. */
    public boolean contains(Path file) {
        try {
            Path real = file.toRealPath();
            return roots.stream().anyMatch(real::startsWith);
        } catch (IOException e) {
            return false;
        }
    }
}
