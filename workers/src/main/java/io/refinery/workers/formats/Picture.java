package io.refinery.workers.formats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A picture an image item names: its size in pixels (needed by COCO, YOLO and VOC) and, when the format ships
 * pictures (YOLO, VOC folders), its bytes.
 */
public record Picture(String name, int width, int height, byte[] bytes) {

    /** Finds the picture of an item by file name; null when it is not known. */
    @FunctionalInterface
    public interface Lookup {
        Picture find(String name) throws IOException;
    }

    /** The picture with its size read from the image header (PNG, JPEG, GIF, BMP; WebP by its VP8 header); 0×0 if unreadable. */
    public static Picture of(String name, byte[] bytes) {
        int[] size = size(bytes);
        return new Picture(name, size[0], size[1], bytes);
    }

    static int[] size(byte[] bytes) {
        int[] webp = webpSize(bytes);
        if (webp != null) {
            return webp;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers != null && readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in);
                    return new int[] {reader.getWidth(0), reader.getHeight(0)};
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: 0 x 0
        }
        return new int[] {0, 0};
    }

    private static int[] webpSize(byte[] b) {
        if (b.length < 30 || b[0] != 'R' || b[1] != 'I' || b[2] != 'F' || b[3] != 'F' || b[8] != 'W' || b[9] != 'E') {
            return null;
        }
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8 " -> new int[] {u16(b, 26) & 0x3FFF, u16(b, 28) & 0x3FFF};
            case "VP8L" -> {
                int bits = (b[21] & 0xFF) | (b[22] & 0xFF) << 8 | (b[23] & 0xFF) << 16 | (b[24] & 0xFF) << 24;
                yield new int[] {(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
            }
            case "VP8X" -> new int[] {u24(b, 24) + 1, u24(b, 27) + 1};
            default -> null;
        };
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int u24(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16;
    }
}
