package io.refinery.workflows.samples;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Generates the shipped image sample in {@code workflows/src/main/resources/samples/shapes/}: synthetic
 * pipeline-inspection scenes (a pipe wall with seams and rivets; cracks, corrosion blobs, valves and people in
 * hi-vis vests) with the exact bounding box and class of every object, for bounding-box labelling, image
 * classification and their QC.
 *
 * <p>JDK only and deterministic: a fixed seed, and every pixel is set by this code ({@code setRGB}, no Java2D
 * drawing, hence no antialiasing or rendering-pipeline differences). The true box of an object is the bounding box
 * of the pixels actually painted for it. Run from the repository root:
 * <pre>java workflows/src/test/java/io/refinery/workflows/samples/ImageSampleGenerator.java \
 *      workflows/src/main/resources/samples/shapes</pre>
 * {@code ImageSampleTest} fails when the shipped files and this generator drift apart.
 */
public class ImageSampleGenerator {
    public static final long SEED = 20261128L;
    public static final String DEFAULT_OUT = "workflows/src/main/resources/samples/shapes";
    public static final int IMAGES = 40;
    public static final int WIDTH = 480;
    public static final int HEIGHT = 360;
    /** The label set, in key order (key 1 = crack). */
    public static final List<String> LABELS = List.of("crack", "corrosion", "valve", "person");

    /** One true object: its box in image pixels (x, y of the top-left pixel; w, h in pixels) and class. */
    public record TrueBox(int x, int y, int w, int h, String label) {
    }

    /** One scene: file name, the scene's class (the class of its largest object) and its boxes. */
    public record Scene(String image, String label, List<TrueBox> boxes) {
    }

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : DEFAULT_OUT);
        List<Scene> scenes = generate(out);
        System.out.println("Wrote " + scenes.size() + " images to " + out.toAbsolutePath());
    }

    /** Writes all files into {@code out} and returns the scenes. */
    public static List<Scene> generate(Path out) throws IOException {
        Files.createDirectories(out);
        Random random = new Random(SEED);
        List<Scene> scenes = new ArrayList<>();
        for (int i = 1; i <= IMAGES; i++) {
            String name = String.format(Locale.ROOT, "scene-%02d.png", i);
            Canvas canvas = new Canvas(WIDTH, HEIGHT);
            List<TrueBox> boxes = drawScene(canvas, random, i);
            Files.write(out.resolve(name), png(canvas.image));
            scenes.add(new Scene(name, largest(boxes).label(), boxes));
        }
        write(out.resolve("annotations.jsonl"), annotationsJsonl(scenes));
        write(out.resolve("expected.json"), expectedJson(scenes));
        write(out.resolve("README.md"), readme(scenes));
        return scenes;
    }

    // ------------------------------------------------------------------ scenes

    private static List<TrueBox> drawScene(Canvas c, Random r, int index) {
        background(c, r);
        List<TrueBox> boxes = new ArrayList<>();
        List<int[]> taken = new ArrayList<>();
        // every scene has 1..4 objects; the scene number guarantees each class appears often
        int count = 1 + r.nextInt(4);
        for (int k = 0; k < count; k++) {
            String label = k == 0 ? LABELS.get((index - 1) % LABELS.size()) : LABELS.get(r.nextInt(LABELS.size()));
            for (int attempt = 0; attempt < 30; attempt++) {
                int w = switch (label) {
                    case "crack" -> 60 + r.nextInt(110);
                    case "corrosion" -> 40 + r.nextInt(60);
                    case "valve" -> 36 + r.nextInt(40);
                    default -> 30 + r.nextInt(16);
                };
                int h = switch (label) {
                    case "crack" -> 20 + r.nextInt(60);
                    case "corrosion" -> 30 + r.nextInt(50);
                    case "valve" -> w;
                    default -> w * 2 + 20 + r.nextInt(20);
                };
                int x = 8 + r.nextInt(WIDTH - w - 16);
                int y = 8 + r.nextInt(HEIGHT - h - 16);
                int[] area = {x - 6, y - 6, x + w + 6, y + h + 6};
                if (taken.stream().anyMatch(t -> overlaps(t, area))) {
                    continue;
                }
                taken.add(area);
                c.begin();
                switch (label) {
                    case "crack" -> crack(c, r, x, y, w, h);
                    case "corrosion" -> corrosion(c, r, x, y, w, h);
                    case "valve" -> valve(c, r, x, y, w);
                    default -> person(c, r, x, y, w, h);
                }
                boxes.add(c.end(label));
                break;
            }
        }
        return boxes;
    }

    private static boolean overlaps(int[] a, int[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    /** A grey-blue pipe wall: vertical shading, horizontal weld seams, rivet dots and a few specks. */
    private static void background(Canvas c, Random r) {
        int base = 120 + r.nextInt(50);
        int tint = r.nextInt(3);
        for (int y = 0; y < c.h; y++) {
            for (int x = 0; x < c.w; x++) {
                int shade = base + (int) (30 * Math.sin(Math.PI * x / c.w)) - 15;
                int band = (shade / 6) * 6; // quantised: flat bands compress well
                c.raw(x, y, rgb(band - 10 + 5 * tint, band, band + 12 - 5 * tint));
            }
        }
        int seamGap = 70 + r.nextInt(40);
        for (int y = 20 + r.nextInt(40); y < c.h; y += seamGap) {
            for (int x = 0; x < c.w; x++) {
                c.raw(x, y, rgb(80, 84, 90));
                c.raw(x, y + 1, rgb(170, 174, 180));
            }
            for (int x = 12; x < c.w; x += 40) {
                fillCircleRaw(c, x, y - 6, 2, rgb(90, 94, 100));
            }
        }
        for (int i = 0; i < 120; i++) {
            c.raw(r.nextInt(c.w), r.nextInt(c.h), rgb(100, 104, 110));
        }
    }

    /** A dark jagged line across the box, 2 px thick, from the left edge to the right edge. */
    private static void crack(Canvas c, Random r, int x, int y, int w, int h) {
        int color = rgb(30 + r.nextInt(20), 25, 22);
        int segments = 5 + r.nextInt(4);
        int px = x;
        int py = y + r.nextInt(h);
        for (int s = 1; s <= segments; s++) {
            int nx = x + (w - 1) * s / segments;
            int ny = y + r.nextInt(h);
            line(c, px, py, nx, ny, color);
            px = nx;
            py = ny;
        }
    }

    /** Overlapping orange-brown discs inside the box. */
    private static void corrosion(Canvas c, Random r, int x, int y, int w, int h) {
        int[] colors = {rgb(170, 85, 30), rgb(140, 65, 25), rgb(195, 110, 45)};
        int discs = 4 + r.nextInt(4);
        for (int d = 0; d < discs; d++) {
            int rad = Math.max(4, Math.min(w, h) / 4 + r.nextInt(Math.max(1, Math.min(w, h) / 5)));
            int cx = x + rad + r.nextInt(Math.max(1, w - 2 * rad));
            int cy = y + rad + r.nextInt(Math.max(1, h - 2 * rad));
            fillCircle(c, cx, cy, rad, colors[d % colors.length]);
        }
    }

    /** A handwheel: a ring with a cross and a hub, red or blue. */
    private static void valve(Canvas c, Random r, int x, int y, int d) {
        int color = r.nextBoolean() ? rgb(200, 40, 40) : rgb(40, 70, 200);
        int rad = d / 2;
        int cx = x + rad;
        int cy = y + rad;
        for (int yy = cy - rad; yy <= cy + rad; yy++) {
            for (int xx = cx - rad; xx <= cx + rad; xx++) {
                int dd = (xx - cx) * (xx - cx) + (yy - cy) * (yy - cy);
                if (dd <= rad * rad && dd >= (rad - 4) * (rad - 4)) {
                    c.set(xx, yy, color);
                }
            }
        }
        for (int t = -1; t <= 1; t++) {
            line(c, cx - rad + 2, cy + t, cx + rad - 2, cy + t, color);
            line(c, cx + t, cy - rad + 2, cx + t, cy + rad - 2, color);
        }
        fillCircle(c, cx, cy, Math.max(3, rad / 5), rgb(60, 60, 60));
    }

    /** A standing figure: helmet head, hi-vis vest, dark legs. */
    private static void person(Canvas c, Random r, int x, int y, int w, int h) {
        int head = w / 4;
        int cx = x + w / 2;
        fillCircle(c, cx, y + head, head, rgb(230, 200, 40)); // helmet
        int bodyTop = y + 2 * head + 2;
        int legsTop = y + (h * 3) / 5;
        int vest = r.nextBoolean() ? rgb(250, 140, 20) : rgb(200, 230, 30);
        fillRect(c, x, bodyTop, w, legsTop - bodyTop, vest);
        fillRect(c, x + 3, bodyTop + (legsTop - bodyTop) / 2, w - 6, 3, rgb(235, 235, 235)); // reflective stripe
        int legW = Math.max(4, w / 3);
        fillRect(c, x + 2, legsTop, legW, y + h - legsTop, rgb(40, 45, 70));
        fillRect(c, x + w - 2 - legW, legsTop, legW, y + h - legsTop, rgb(40, 45, 70));
    }

    // ------------------------------------------------------------------ pixel primitives (no Java2D)

    /** An RGB image plus the bounding box of the pixels painted since {@link #begin()}. */
    private static final class Canvas {
        final int w;
        final int h;
        final BufferedImage image;
        int minX;
        int minY;
        int maxX;
        int maxY;

        Canvas(int w, int h) {
            this.w = w;
            this.h = h;
            this.image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        }

        void raw(int x, int y, int rgb) {
            if (x >= 0 && y >= 0 && x < w && y < h) {
                image.setRGB(x, y, rgb);
            }
        }

        void set(int x, int y, int rgb) {
            if (x >= 0 && y >= 0 && x < w && y < h) {
                image.setRGB(x, y, rgb);
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
        }

        void begin() {
            minX = Integer.MAX_VALUE;
            minY = Integer.MAX_VALUE;
            maxX = Integer.MIN_VALUE;
            maxY = Integer.MIN_VALUE;
        }

        TrueBox end(String label) {
            return new TrueBox(minX, minY, maxX - minX + 1, maxY - minY + 1, label);
        }
    }

    private static int rgb(int r, int g, int b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static void fillRect(Canvas c, int x, int y, int w, int h, int color) {
        for (int yy = y; yy < y + h; yy++) {
            for (int xx = x; xx < x + w; xx++) {
                c.set(xx, yy, color);
            }
        }
    }

    private static void fillCircle(Canvas c, int cx, int cy, int rad, int color) {
        for (int yy = cy - rad; yy <= cy + rad; yy++) {
            for (int xx = cx - rad; xx <= cx + rad; xx++) {
                if ((xx - cx) * (xx - cx) + (yy - cy) * (yy - cy) <= rad * rad) {
                    c.set(xx, yy, color);
                }
            }
        }
    }

    private static void fillCircleRaw(Canvas c, int cx, int cy, int rad, int color) {
        for (int yy = cy - rad; yy <= cy + rad; yy++) {
            for (int xx = cx - rad; xx <= cx + rad; xx++) {
                if ((xx - cx) * (xx - cx) + (yy - cy) * (yy - cy) <= rad * rad) {
                    c.raw(xx, yy, color);
                }
            }
        }
    }

    /** Bresenham, 2 px thick (the pixel below is painted too). */
    private static void line(Canvas c, int x0, int y0, int x1, int y1, int color) {
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            c.set(x0, y0, color);
            c.set(x0, y0 + 1, color);
            if (x0 == x1 && y0 == y1) {
                break;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }

    private static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer");
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ text files

    private static TrueBox largest(List<TrueBox> boxes) {
        TrueBox best = boxes.get(0);
        for (TrueBox b : boxes) {
            if ((long) b.w() * b.h() > (long) best.w() * best.h()) {
                best = b;
            }
        }
        return best;
    }

    static String annotationsJsonl(List<Scene> scenes) {
        StringBuilder out = new StringBuilder();
        for (Scene s : scenes) {
            out.append("{\"image\":\"").append(s.image()).append("\",\"width\":").append(WIDTH)
                    .append(",\"height\":").append(HEIGHT).append(",\"label\":\"").append(s.label())
                    .append("\",\"boxes\":[");
            for (int i = 0; i < s.boxes().size(); i++) {
                TrueBox b = s.boxes().get(i);
                out.append(i == 0 ? "" : ",").append("{\"x\":").append(b.x()).append(",\"y\":").append(b.y())
                        .append(",\"w\":").append(b.w()).append(",\"h\":").append(b.h())
                        .append(",\"label\":\"").append(b.label()).append("\"}");
            }
            out.append("]}\n");
        }
        return out.toString();
    }

    private static Map<String, Integer> zero() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        LABELS.forEach(l -> counts.put(l, 0));
        return counts;
    }

    static Map<String, Integer> boxCounts(List<Scene> scenes) {
        Map<String, Integer> counts = zero();
        scenes.forEach(s -> s.boxes().forEach(b -> counts.merge(b.label(), 1, Integer::sum)));
        return counts;
    }

    static Map<String, Integer> sceneCounts(List<Scene> scenes) {
        Map<String, Integer> counts = zero();
        scenes.forEach(s -> counts.merge(s.label(), 1, Integer::sum));
        return counts;
    }

    private static String json(Map<String, Integer> counts) {
        StringBuilder out = new StringBuilder("{");
        counts.forEach((k, v) -> out.append(out.length() == 1 ? "" : ", ").append('"').append(k).append("\": ").append(v));
        return out.append('}').toString();
    }

    static String expectedJson(List<Scene> scenes) {
        int total = scenes.stream().mapToInt(s -> s.boxes().size()).sum();
        return "{\n"
                + "  \"sample\": \"shapes\",\n"
                + "  \"generator\": \"io.refinery.workflows.samples.ImageSampleGenerator\",\n"
                + "  \"seed\": " + SEED + ",\n"
                + "  \"images\": " + scenes.size() + ",\n"
                + "  \"width\": " + WIDTH + ",\n"
                + "  \"height\": " + HEIGHT + ",\n"
                + "  \"labels\": [\"" + String.join("\", \"", LABELS) + "\"],\n"
                + "  \"boxes\": " + total + ",\n"
                + "  \"boxCounts\": " + json(boxCounts(scenes)) + ",\n"
                + "  \"sceneLabelCounts\": " + json(sceneCounts(scenes)) + "\n"
                + "}\n";
    }

    static String readme(List<Scene> scenes) {
        int total = scenes.stream().mapToInt(s -> s.boxes().size()).sum();
        return """
                # Sample: pipeline-inspection shapes (bounding boxes, image classification)

                %d synthetic %dx%d PNG scenes of a pipe wall (shading, weld seams, rivets) with %d objects of four
                classes: `crack` (dark jagged line), `corrosion` (orange-brown blobs), `valve` (red or blue handwheel),
                `person` (helmet, hi-vis vest). Box counts per class: %s. Scene classes (the class of the largest
                object): %s.

                Generated by `ImageSampleGenerator` (`workflows/src/test/java/io/refinery/workflows/samples/`), seed
                %d. Do not edit by hand; from the repository root run

                ```
                java workflows/src/test/java/io/refinery/workflows/samples/ImageSampleGenerator.java workflows/src/main/resources/samples/shapes
                ```

                `ImageSampleTest` fails if the shipped files and the generator differ by one byte.

                ## Files

                | file | content |
                |---|---|
                | `scene-01.png` … `scene-%02d.png` | the images, RGB, no antialiasing |
                | `annotations.jsonl` | one line per image: `image`, `width`, `height`, `label` (scene class), `boxes` |
                | `expected.json` | the counts above |

                Boxes are in image pixels, the engine's annotation value format: `x`, `y` = top-left pixel, `w`, `h` =
                width and height in pixels, exactly the bounding box of the pixels painted for the object.

                ```json
                %s
                ```

                # 样例：管道巡检图形（目标框标注、图像分类）

                %d 张合成的 %dx%d PNG 管壁场景图（明暗、焊缝、铆钉），共 %d 个目标，分四类：`crack`（裂纹，深色折线）、
                `corrosion`（腐蚀，橙褐色斑块）、`valve`（阀门，红色或蓝色手轮）、`person`（人员，安全帽与反光背心）。
                每类目标框数量：%s。图像类别（面积最大目标的类别）：%s。

                由 `ImageSampleGenerator` 生成（固定种子 %d，逐像素绘制，无抗锯齿），请勿手工修改；重新生成命令见上文。
                `annotations.jsonl` 每行一张图：`image`、`width`、`height`、`label`（图像类别）、`boxes`（真实目标框，
                单位为图像像素：`x`、`y` 为左上角像素，`w`、`h` 为宽高）。`expected.json` 为上述统计数字。
                若生成器与随附文件有一个字节不同，`ImageSampleTest` 即失败。
                """.formatted(scenes.size(), WIDTH, HEIGHT, total, json(boxCounts(scenes)), json(sceneCounts(scenes)),
                SEED, scenes.size(), annotationsJsonl(scenes.subList(0, 1)).trim(),
                scenes.size(), WIDTH, HEIGHT, total, json(boxCounts(scenes)), json(sceneCounts(scenes)), SEED);
    }

    private static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
