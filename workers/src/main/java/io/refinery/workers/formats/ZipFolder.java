package io.refinery.workers.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Folder formats (YOLO, Pascal VOC) travel as zip files. Writing: entries in the order written, a fixed time
 * stamp and no extra fields, so the same content gives the same bytes. Reading: unpacked into a temporary folder
 * with limits (entries, total bytes, no paths leaving the folder).
 */
final class ZipFolder {

    static final int MAX_ENTRIES = 200_000;
    static final long MAX_BYTES = 4L * 1024 * 1024 * 1024;
    private static final LocalDateTime FIXED = LocalDateTime.of(1980, 1, 1, 0, 0);

    private ZipFolder() {
    }

    static ZipOutputStream create(OutputStream out) {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setLevel(6);
        return zip;
    }

    static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(FIXED);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    static void put(ZipOutputStream zip, String name, String text) throws IOException {
        put(zip, name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Unpacks {@code in} into a new temporary folder; throws with a clear message when a limit is passed. */
    static Path unpack(String source, InputStream in) throws IOException {
        Path dir = Files.createTempDirectory("refinery-unzip-");
        long total = 0;
        int count = 0;
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (++count > MAX_ENTRIES) {
                    throw new IOException(source + ": more than " + MAX_ENTRIES + " zip entries");
                }
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir) || e.getName().contains("..")) {
                    throw new IOException(source + ": zip entry \"" + e.getName() + "\" leaves the folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n = zip.read(buf); n >= 0; n = zip.read(buf)) {
                        total += n;
                        if (total > MAX_BYTES) {
                            throw new IOException(source + ": unpacks to more than " + MAX_BYTES + " bytes");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            delete(dir);
            throw e instanceof IOException io ? io : new IOException(source + ": not a readable zip: " + e.getMessage(), e);
        }
        return dir;
    }

    /** Reads a folder format from a zip: unpacks, reads, deletes; an unreadable zip is one rejected record. */
    interface FolderReader {
        void read(Path dir) throws IOException;
    }

    static void readUnpacked(String source, InputStream in, ItemSink sink, FolderReader reader) throws IOException {
        Path dir;
        try {
            dir = unpack(source, in);
        } catch (IOException e) {
            sink.rejected(source, 0, e.getMessage(), null);
            return;
        }
        try {
            reader.read(dir);
        } finally {
            delete(dir);
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }

    static boolean isPicture(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(png|jpe?g|gif|webp|bmp)");
    }

    /** Our split names from a folder or list name: train, val/valid/validation, test; null for anything else. */
    static String split(String folder) {
        return switch (folder.toLowerCase(java.util.Locale.ROOT)) {
            case "train" -> DataItem.TRAIN;
            case "val", "valid", "validation" -> DataItem.VALIDATION;
            case "test" -> DataItem.TEST;
            default -> null;
        };
    }

    /** The folder name YOLO and VOC use for a split. */
    static String folder(String split) {
        if (split == null) {
            return "train";
        }
        return split.equals(DataItem.VALIDATION) ? "val" : split;
    }
}
