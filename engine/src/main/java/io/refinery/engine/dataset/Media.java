package io.refinery.engine.dataset;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The images of image datasets. An image is an uploaded source file of its version (PNG, JPEG, GIF or WebP, checked
 * by its signature on upload, not trusted by its name); an image item's text is the file name its row named in the
 * {@code image} field, so the item and its picture stay together however often the version is rebuilt.
 */
@Service
public class Media {
    /** An image as the browser gets it. */
    public record Image(long versionId, String name, String sha256, long bytes, String contentType) {
    }

    private final JdbcTemplate jdbc;
    private final BlobStore blobs;

    public Media(JdbcTemplate jdbc, BlobStore blobs) {
        this.jdbc = jdbc;
        this.blobs = blobs;
    }

    /** True for the file names collect treats as pictures rather than row files. */
    public static boolean isImageName(String name) {
        return contentTypeOfName(name) != null;
    }

    static String contentTypeOfName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".gif")) {
            return "image/gif";
        }
        if (n.endsWith(".webp")) {
            return "image/webp";
        }
        return null;
    }

    /**
     * Checks that the first bytes of an upload are the picture its name says (a renamed text or HTML file is not
     * served as an image); throws a 400 that names the file otherwise.
     */
    public static void checkSignature(String name, byte[] head, int length) {
        String type = contentTypeOfName(name);
        byte[] h = Arrays.copyOf(head, Math.max(length, 0));
        boolean ok = switch (type) {
            case "image/png" -> startsWith(h, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            case "image/jpeg" -> startsWith(h, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});
            case "image/gif" -> startsWith(h, "GIF87a".getBytes()) || startsWith(h, "GIF89a".getBytes());
            case "image/webp" -> startsWith(h, "RIFF".getBytes()) && h.length >= 12
                    && new String(h, 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("WEBP");
            default -> false;
        };
        if (!ok) {
            throw ApiException.badRequest("file '" + name + "': its content is not a " + type.substring(6).toUpperCase(Locale.ROOT)
                    + " image (the first bytes do not match); upload the picture itself");
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The uploaded image of a version by file name. */
    public Optional<Image> image(long versionId, String name) {
        if (!isImageName(name)) {
            return Optional.empty();
        }
        return jdbc.query("SELECT sha256, bytes FROM source_file WHERE version_id = ? AND name = ?",
                (rs, i) -> new Image(versionId, name, rs.getString(1), rs.getLong(2), contentTypeOfName(name)),
                versionId, name).stream().findFirst();
    }

    /** The image an item shows: the uploaded file its text names, if the item is an image item. */
    public Optional<Image> imageOfItem(long itemId) {
        return jdbc.query("SELECT version_id, text FROM item WHERE id = ?", (rs, i) -> image(rs.getLong(1), rs.getString(2)),
                itemId).stream().findFirst().flatMap(o -> o);
    }

    /** True when an annotator has a slot in one of the version's packages (claimed or opened): then they see its images. */
    public boolean annotatorWorksOn(long versionId, String user) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM label_assignment WHERE version_id = ? AND annotator = ?",
                Long.class, versionId, user);
        return n != null && n > 0;
    }

    public InputStream open(Image image) throws IOException {
        return blobs.open(image.sha256());
    }
}
