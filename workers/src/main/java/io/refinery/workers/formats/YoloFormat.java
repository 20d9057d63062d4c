package io.refinery.workers.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipOutputStream;

/**
 * YOLO (Ultralytics layout) for bounding boxes: {@code images/<split>/<picture>}, {@code labels/<split>/<stem>.txt}
 * with one line {@code class cx cy w h} per box (normalized to 0..1), {@code classes.txt} and {@code data.yaml}
 * ({@code names}); splits are {@code train}, {@code val}, {@code test}. Written as a zip.
 * <p>
 * Reading takes a zip or a folder in that layout, or the CVAT "YOLO 1.1" one (label files beside their pictures,
 * names in {@code obj.names}); class names come from {@code data.yaml} ({@code names:} as a list or a map),
 * {@code classes.txt} or {@code obj.names}. Picture sizes come from the pictures, which must be there. A label file
 * with a bad line is rejected whole (file, line, field), so no picture is imported with part of its boxes.
 * Item ids are not part of YOLO: read items have none.
 */
public final class YoloFormat {

    private YoloFormat() {
    }

    public static ItemWriter writer(OutputStream out, List<String> labelSet, Picture.Lookup pictures) {
        ZipOutputStream zip = ZipFolder.create(out);
        Map<String, Integer> classes = new LinkedHashMap<>();
        labelSet.forEach(l -> classes.put(l, classes.size()));
        return new ItemWriter() {
            @Override
            public void write(DataItem item) throws IOException {
                Picture p = pictures.find(item.text());
                String folder = ZipFolder.folder(item.split());
                if (p != null && p.bytes() != null) {
                    ZipFolder.put(zip, "images/" + folder + "/" + item.text(), p.bytes());
                }
                StringBuilder lines = new StringBuilder();
                double w = p == null || p.width() == 0 ? 1 : p.width();
                double h = p == null || p.height() == 0 ? 1 : p.height();
                for (Boxes.Box b : Boxes.of(item.annotation()).boxes()) {
                    int c = classes.computeIfAbsent(b.label(), l -> classes.size());
                    lines.append(c).append(' ').append(Boxes.text((b.x() + b.w() / 2) / w)).append(' ')
                            .append(Boxes.text((b.y() + b.h() / 2) / h)).append(' ').append(Boxes.text(b.w() / w))
                            .append(' ').append(Boxes.text(b.h() / h)).append('\n');
                }
                ZipFolder.put(zip, "labels/" + folder + "/" + ZipFolder.stem(item.text()) + ".txt", lines.toString());
            }

            @Override
            public void close() throws IOException {
                List<String> names = new ArrayList<>(classes.keySet());
                ZipFolder.put(zip, "classes.txt", String.join("\n", names) + "\n");
                StringBuilder yaml = new StringBuilder("path: .\ntrain: images/train\nval: images/val\n"
                        + "test: images/test\nnc: " + names.size() + "\nnames:\n");
                for (int i = 0; i < names.size(); i++) {
                    yaml.append("  ").append(i).append(": ").append(yamlString(names.get(i))).append('\n');
                }
                ZipFolder.put(zip, "data.yaml", yaml.toString());
                zip.close();
            }
        };
    }

    private static String yamlString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Reads a zip in YOLO layout. */
    public static void readZip(String source, InputStream in, ItemSink sink) throws IOException {
        ZipFolder.readUnpacked(source, in, sink, dir -> readFolder(source, dir, sink));
    }

    /** Reads a folder in YOLO layout; {@code source} names it in the sink calls (with the file inside it). */
    public static void readFolder(String source, Path dir, ItemSink sink) throws IOException {
        List<String> names;
        try {
            names = classNames(dir);
        } catch (IllegalArgumentException e) {
            sink.rejected(source, 0, e.getMessage(), null);
            return;
        }
        List<Path> pictures;
        try (Stream<Path> files = Files.walk(dir)) {
            pictures = files.filter(Files::isRegularFile).filter(f -> ZipFolder.isPicture(f.getFileName().toString()))
                    .sorted().toList();
        }
        long index = 0;
        for (Path picture : pictures) {
            index++;
            String rel = dir.relativize(picture).toString().replace('\\', '/');
            Path labels = labelFile(dir, picture);
            String where = source + "!" + (labels == null ? rel : dir.relativize(labels).toString().replace('\\', '/'));
            int[] size = Picture.size(Files.readAllBytes(picture));
            if (size[0] == 0 || size[1] == 0) {
                sink.rejected(where, 0, "picture " + rel + ": cannot read its size", null);
                continue;
            }
            List<Boxes.Box> boxes = new ArrayList<>();
            String problem = null;
            long problemLine = 0;
            String raw = null;
            if (labels != null) {
                List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size() && problem == null; i++) {
                    String line = lines.get(i).strip();
                    if (line.isEmpty()) {
                        continue;
                    }
                    problem = box(line, names, size, boxes);
                    problemLine = i + 1;
                    raw = line;
                }
            }
            if (problem != null) {
                sink.rejected(where, problemLine, problem, Raw.cut(raw));
                continue;
            }
            String split = null;
            for (Path part : dir.relativize(picture)) {
                split = split != null ? split : ZipFolder.split(part.toString());
            }
            com.fasterxml.jackson.databind.node.ObjectNode meta = ItemJson.object();
            meta.put("width", size[0]);
            meta.put("height", size[1]);
            sink.item(source, index, new DataItem(null, picture.getFileName().toString(), null,
                    new Boxes(boxes).toAnnotation(), split, source, index, meta));
        }
    }

    /** The problem of one label line, or null after adding its box. */
    private static String box(String line, List<String> names, int[] size, List<Boxes.Box> boxes) {
        String[] f = line.split("\\s+");
        if (f.length != 5) {
            return "expected 5 values (class cx cy w h), found " + f.length
                    + (f.length > 5 ? " (segmentation polygons are not read)" : "");
        }
        int c;
        try {
            c = Integer.parseInt(f[0]);
        } catch (NumberFormatException e) {
            return "field class: \"" + f[0] + "\" is not a class index";
        }
        if (c < 0 || c >= names.size()) {
            return "field class: " + c + " is not among the " + names.size() + " class names";
        }
        double[] v = new double[4];
        String[] field = {"cx", "cy", "w", "h"};
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(f[i + 1]);
            } catch (NumberFormatException e) {
                return "field " + field[i] + ": \"" + f[i + 1] + "\" is not a number";
            }
            if (!(v[i] >= 0 && v[i] <= 1)) {
                return "field " + field[i] + ": " + f[i + 1] + " is not normalized to 0..1";
            }
        }
        double w = v[2] * size[0];
        double h = v[3] * size[1];
        boxes.add(new Boxes.Box(v[0] * size[0] - w / 2, v[1] * size[1] - h / 2, w, h, names.get(c)));
        return null;
    }

    /** labels/ mirror of images/ (Ultralytics), or a .txt beside the picture (CVAT YOLO 1.1). */
    private static Path labelFile(Path dir, Path picture) {
        String stem = ZipFolder.stem(picture.getFileName().toString()) + ".txt";
        Path rel = dir.relativize(picture);
        List<String> parts = new ArrayList<>();
        rel.forEach(p -> parts.add(p.toString()));
        int images = parts.lastIndexOf("images");
        if (images >= 0) {
            parts.set(images, "labels");
            parts.set(parts.size() - 1, stem);
            Path mirror = dir.resolve(String.join("/", parts));
            if (Files.isRegularFile(mirror)) {
                return mirror;
            }
        }
        Path beside = picture.resolveSibling(stem);
        return Files.isRegularFile(beside) ? beside : null;
    }

    private static final Pattern LIST = Pattern.compile("(?m)^names:\\s*\\[(.*)]\\s*$");
    private static final Pattern MAP_ENTRY = Pattern.compile("^\\s+(\\d+)\\s*:\\s*(.+?)\\s*$");

    /** Class names from data.yaml, classes.txt or obj.names (searched in that order, anywhere in the folder). */
    static List<String> classNames(Path dir) throws IOException {
        List<Path> candidates;
        try (Stream<Path> files = Files.walk(dir)) {
            candidates = files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString()
                    .matches("data\\.ya?ml|classes\\.txt|obj\\.names")).sorted().toList();
        }
        for (String wanted : List.of("data.yaml", "data.yml", "classes.txt", "obj.names")) {
            for (Path f : candidates) {
                if (!f.getFileName().toString().equals(wanted)) {
                    continue;
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (wanted.startsWith("data")) {
                    List<String> names = yamlNames(text);
                    if (!names.isEmpty()) {
                        return names;
                    }
                } else {
                    return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
                }
            }
        }
        throw new IllegalArgumentException("no class names: expected data.yaml with \"names\", classes.txt or obj.names");
    }

    static List<String> yamlNames(String yaml) {
        Matcher list = LIST.matcher(yaml);
        List<String> names = new ArrayList<>();
        if (list.find()) {
            for (String s : list.group(1).split(",")) {
                if (!s.isBlank()) {
                    names.add(unquote(s.strip()));
                }
            }
            return names;
        }
        boolean in = false;
        Map<Integer, String> byIndex = new java.util.TreeMap<>();
        for (String line : yaml.lines().toList()) {
            if (line.matches("^names:\\s*$")) {
                in = true;
            } else if (in) {
                Matcher m = MAP_ENTRY.matcher(line);
                if (m.matches()) {
                    byIndex.put(Integer.parseInt(m.group(1)), unquote(m.group(2)));
                } else if (line.matches("^\\s+-\\s*.+")) {
                    byIndex.put(byIndex.size(), unquote(line.strip().substring(1).strip()));
                } else if (!line.isBlank()) {
                    break;
                }
            }
        }
        names.addAll(byIndex.values());
        return names;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
