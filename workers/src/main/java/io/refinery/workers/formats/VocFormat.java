package io.refinery.workers.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipOutputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Pascal VOC for bounding boxes: one XML per picture ({@code Annotations/<stem>.xml}: filename, size,
 * {@code object} with {@code name} and {@code bndbox} xmin/ymin/xmax/ymax in pixels, 0-based as CVAT and
 * Label Studio write them), the pictures in {@code JPEGImages/}, the splits in {@code ImageSets/Main/<split>.txt}.
 * Written as a zip. Reading takes one {@code .xml} file or a zip of them; XML with a DOCTYPE is refused (no
 * entities, no external references). Item ids are not part of VOC.
 */
public final class VocFormat {

    private VocFormat() {
    }

    public static ItemWriter writer(OutputStream out, Picture.Lookup pictures) {
        ZipOutputStream zip = ZipFolder.create(out);
        Map<String, StringBuilder> sets = new TreeMap<>();
        return new ItemWriter() {
            @Override
            public void write(DataItem item) throws IOException {
                Picture p = pictures.find(item.text());
                String stem = ZipFolder.stem(item.text());
                if (p != null && p.bytes() != null) {
                    ZipFolder.put(zip, "JPEGImages/" + item.text(), p.bytes());
                }
                sets.computeIfAbsent(ZipFolder.folder(item.split()), k -> new StringBuilder()).append(stem).append('\n');
                StringBuilder x = new StringBuilder("<annotation>\n  <folder>JPEGImages</folder>\n  <filename>")
                        .append(esc(item.text())).append("</filename>\n  <source><database>Refinery</database></source>\n")
                        .append("  <size><width>").append(p == null ? 0 : p.width()).append("</width><height>")
                        .append(p == null ? 0 : p.height()).append("</height><depth>3</depth></size>\n")
                        .append("  <segmented>0</segmented>\n");
                for (Boxes.Box b : Boxes.of(item.annotation()).boxes()) {
                    x.append("  <object>\n    <name>").append(esc(b.label())).append("</name>\n")
                            .append("    <pose>Unspecified</pose>\n    <truncated>0</truncated>\n")
                            .append("    <difficult>0</difficult>\n    <bndbox><xmin>").append(Boxes.text(b.x()))
                            .append("</xmin><ymin>").append(Boxes.text(b.y())).append("</ymin><xmax>")
                            .append(Boxes.text(b.x() + b.w())).append("</xmax><ymax>").append(Boxes.text(b.y() + b.h()))
                            .append("</ymax></bndbox>\n  </object>\n");
                }
                x.append("</annotation>\n");
                ZipFolder.put(zip, "Annotations/" + stem + ".xml", x.toString());
            }

            @Override
            public void close() throws IOException {
                for (var set : sets.entrySet()) {
                    ZipFolder.put(zip, "ImageSets/Main/" + set.getKey() + ".txt", set.getValue().toString());
                }
                zip.close();
            }
        };
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Reads one VOC XML file. */
    public static void readXml(String source, InputStream in, ItemSink sink) throws IOException {
        item(source, in.readAllBytes(), null, 1, sink);
    }

    /** Reads a zip of VOC XML files (any folder), with splits from {@code ImageSets/Main/*.txt} when present. */
    public static void readZip(String source, InputStream in, ItemSink sink) throws IOException {
        ZipFolder.readUnpacked(source, in, sink, dir -> readFolder(source, dir, sink));
    }

    private static void readFolder(String source, Path dir, ItemSink sink) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            Map<String, String> splitOf = new HashMap<>();
            for (Path f : files) {
                String name = f.getFileName().toString();
                String split = ZipFolder.split(ZipFolder.stem(name));
                if (name.endsWith(".txt") && split != null && f.getParent().endsWith("Main")) {
                    Files.readAllLines(f, StandardCharsets.UTF_8).stream().map(String::strip)
                            .filter(s -> !s.isEmpty()).forEach(stem -> splitOf.put(stem.split("\\s+")[0], split));
                }
            }
            long index = 0;
            for (Path f : files) {
                if (f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) {
                    index++;
                    String where = source + "!" + dir.relativize(f).toString().replace('\\', '/');
                    item(where, Files.readAllBytes(f), splitOf, index, sink);
                }
            }
        }
    }

    private static void item(String source, byte[] xml, Map<String, String> splitOf, long index, ItemSink sink) {
        Element root;
        try {
            root = parse(xml).getDocumentElement();
        } catch (SAXException | IOException e) {
            sink.rejected(source, 1, "not readable XML: " + Raw.firstLine(e.getMessage()), Raw.cut(new String(xml,
                    StandardCharsets.UTF_8)));
            return;
        }
        if (!root.getTagName().equals("annotation")) {
            sink.rejected(source, 1, "root element <" + root.getTagName() + ">: expected <annotation>", null);
            return;
        }
        String file = child(root, "filename");
        if (file == null || file.isBlank()) {
            sink.rejected(source, 1, "<filename> missing or empty", null);
            return;
        }
        Element size = element(root, "size");
        int width = size == null ? 0 : (int) number(child(size, "width"), -1);
        int height = size == null ? 0 : (int) number(child(size, "height"), -1);
        List<Boxes.Box> boxes = new ArrayList<>();
        NodeList objects = root.getElementsByTagName("object");
        for (int i = 0; i < objects.getLength(); i++) {
            Element o = (Element) objects.item(i);
            String name = child(o, "name");
            Element box = element(o, "bndbox");
            String where = "object[" + i + "]";
            if (name == null || name.isBlank()) {
                sink.rejected(source, 1, where + "/name: missing or empty", null);
                return;
            }
            if (box == null) {
                sink.rejected(source, 1, where + "/bndbox: missing", null);
                return;
            }
            double[] v = new double[4];
            String[] field = {"xmin", "ymin", "xmax", "ymax"};
            for (int k = 0; k < 4; k++) {
                v[k] = number(child(box, field[k]), Double.NaN);
                if (Double.isNaN(v[k])) {
                    sink.rejected(source, 1, where + "/bndbox/" + field[k] + ": missing or not a number", null);
                    return;
                }
            }
            if (v[2] < v[0] || v[3] < v[1]) {
                sink.rejected(source, 1, where + "/bndbox: xmax < xmin or ymax < ymin", null);
                return;
            }
            boxes.add(new Boxes.Box(v[0], v[1], v[2] - v[0], v[3] - v[1], name.strip()));
        }
        String base = file.strip().substring(file.strip().lastIndexOf('/') + 1);
        ObjectNode meta = ItemJson.object();
        meta.put("width", width);
        meta.put("height", height);
        String split = splitOf == null ? null : splitOf.get(ZipFolder.stem(base));
        sink.item(source, index, new DataItem(null, base, null, new Boxes(boxes).toAnnotation(), split, source, index,
                meta));
    }

    private static double number(String text, double fallback) {
        try {
            return text == null ? fallback : Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Element element(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String child(Element parent, String name) {
        Element e = element(parent, name);
        return e == null ? null : e.getTextContent();
    }

    private static Document parse(byte[] xml) throws SAXException, IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new java.io.ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
