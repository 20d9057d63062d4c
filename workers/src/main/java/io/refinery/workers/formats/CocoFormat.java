package io.refinery.workers.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COCO object detection JSON ({@code info}, {@code licenses}, {@code images}, {@code annotations},
 * {@code categories}). Boxes are {@code bbox: [x, y, w, h]} in pixels; an annotation without {@code bbox} is the
 * class of its image (image classification). Category ids are 1.. in label-set order. Each image also carries
 * the item's {@code item_id} and {@code split} (extra keys COCO tools ignore).
 * <p>
 * Reading accepts files of other tools: any key order, category ids that start anywhere and have gaps,
 * {@code iscrowd}, {@code area}, {@code segmentation} (ignored: boxes only), {@code info}/{@code licenses}
 * (ignored). The image and annotation tables are held in memory (a COCO file keeps an image's annotations apart
 * from it), so the file size limit of the upload bounds memory. Annotations are written through a temporary file,
 * so writing is streamed.
 */
public final class CocoFormat {

    private CocoFormat() {
    }

    public static ItemWriter writer(OutputStream out, List<String> labelSet, Picture.Lookup pictures) throws IOException {
        Path spool = Files.createTempFile("coco-annotations-", ".json");
        OutputStream spoolOut = new java.io.BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024);
        JsonGenerator ann = ItemJson.FACTORY.createGenerator(spoolOut);
        JsonGenerator g = ItemJson.FACTORY.createGenerator(out);
        Map<String, Integer> categories = new LinkedHashMap<>();
        labelSet.forEach(l -> categories.put(l, categories.size() + 1));
        g.writeStartObject();
        g.writeObjectFieldStart("info");
        g.writeStringField("description", "exported by Refinery");
        g.writeEndObject();
        g.writeArrayFieldStart("licenses");
        g.writeEndArray();
        g.writeArrayFieldStart("images");
        return new ItemWriter() {
            long imageId;
            long annotationId;
            boolean first = true;

            @Override
            public void write(DataItem item) throws IOException {
                imageId++;
                Picture p = pictures.find(item.text());
                g.writeStartObject();
                g.writeNumberField("id", imageId);
                g.writeStringField("file_name", item.text());
                g.writeNumberField("width", p == null ? 0 : p.width());
                g.writeNumberField("height", p == null ? 0 : p.height());
                g.writeStringField("item_id", item.id());
                g.writeStringField("split", item.split());
                g.writeEndObject();
                if (item.label() != null) {
                    annotation(category(item.label()), null);
                }
                for (Boxes.Box b : Boxes.of(item.annotation()).boxes()) {
                    annotation(category(b.label()), b);
                }
            }

            private int category(String label) {
                return categories.computeIfAbsent(label, l -> categories.size() + 1);
            }

            private void annotation(int category, Boxes.Box b) throws IOException {
                if (!first) {
                    ann.writeRaw(',');
                }
                first = false;
                ann.writeStartObject();
                ann.writeNumberField("id", ++annotationId);
                ann.writeNumberField("image_id", imageId);
                ann.writeNumberField("category_id", category);
                if (b != null) {
                    ann.writeArrayFieldStart("bbox");
                    for (double v : new double[] {b.x(), b.y(), b.w(), b.h()}) {
                        ann.writeTree(Boxes.num(v));
                    }
                    ann.writeEndArray();
                    ann.writeFieldName("area");
                    ann.writeTree(Boxes.num(b.w() * b.h()));
                    ann.writeNumberField("iscrowd", 0);
                    ann.writeArrayFieldStart("segmentation");
                    ann.writeEndArray();
                }
                ann.writeEndObject();
            }

            @Override
            public void close() throws IOException {
                try {
                    g.writeEndArray();
                    ann.close();
                    spoolOut.close();
                    g.writeFieldName("annotations");
                    g.writeRawValue("[");
                    g.flush();
                    Files.copy(spool, out);
                    g.writeRaw("]");
                    g.writeArrayFieldStart("categories");
                    for (var c : categories.entrySet()) {
                        g.writeStartObject();
                        g.writeNumberField("id", c.getValue());
                        g.writeStringField("name", c.getKey());
                        g.writeStringField("supercategory", "");
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                    g.close();
                    out.close();
                } finally {
                    Files.deleteIfExists(spool);
                }
            }
        };
    }

    private record Image(long index, String fileName, int width, int height, String itemId, String split) {
    }

    /** Reads a COCO file; items come in the order of its {@code images}. */
    public static void read(String source, InputStream in, ItemSink sink) throws IOException {
        Map<Long, Image> images = new LinkedHashMap<>();
        Map<Long, List<JsonNode>> annotationsByImage = new HashMap<>();
        Map<Long, String> categories = new HashMap<>();
        List<JsonNode> annotations = new ArrayList<>();
        try (JsonParser p = ItemJson.FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                sink.rejected(source, 0, "not a COCO file: the top level is not a JSON object", null);
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_ARRAY && (field.equals("images") || field.equals("annotations")
                        || field.equals("categories"))) {
                    long index = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        index++;
                        JsonNode node = ItemJson.MAPPER.readTree(p);
                        switch (field) {
                            case "images" -> image(source, index, node, images, sink);
                            case "annotations" -> annotations.add(node);
                            default -> {
                                if (node.path("id").canConvertToLong() && node.path("name").isTextual()) {
                                    categories.put(node.path("id").asLong(), node.path("name").asText());
                                } else {
                                    sink.rejected(source, index, "categories[" + (index - 1)
                                            + "]: needs a numeric \"id\" and a string \"name\"", Raw.cut(node.toString()));
                                }
                            }
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            sink.rejected(source, 0, "invalid JSON at line " + e.getLocation().getLineNr() + ": "
                    + Raw.firstLine(e.getOriginalMessage()) + " (the rest of the file is not read)", null);
            return;
        }
        Map<Long, Long> imageIdByIndex = new HashMap<>();
        images.forEach((id, image) -> imageIdByIndex.put(image.index(), id));
        long index = 0;
        for (JsonNode a : annotations) {
            index++;
            String where = "annotations[" + (index - 1) + "]";
            long imageId = a.path("image_id").asLong(Long.MIN_VALUE);
            if (!images.containsKey(imageId)) {
                sink.rejected(source, index, where + ".image_id " + a.path("image_id") + ": no such image",
                        Raw.cut(a.toString()));
                continue;
            }
            if (!categories.containsKey(a.path("category_id").asLong(Long.MIN_VALUE))) {
                sink.rejected(source, index, where + ".category_id " + a.path("category_id") + ": no such category",
                        Raw.cut(a.toString()));
                continue;
            }
            JsonNode bbox = a.get("bbox");
            if (bbox != null && !bbox.isNull() && !(bbox.isArray() && bbox.size() == 4 && allNumbers(bbox))) {
                sink.rejected(source, index, where + ".bbox: expected [x, y, width, height] numbers",
                        Raw.cut(a.toString()));
                continue;
            }
            annotationsByImage.computeIfAbsent(imageId, k -> new ArrayList<>()).add(a);
        }
        for (var e : images.entrySet()) {
            Image image = e.getValue();
            String label = null;
            List<Boxes.Box> boxes = new ArrayList<>();
            boolean detection = false;
            for (JsonNode a : annotationsByImage.getOrDefault(e.getKey(), List.of())) {
                String name = categories.get(a.path("category_id").asLong());
                JsonNode bbox = a.get("bbox");
                if (bbox == null || bbox.isNull()) {
                    label = name;
                } else {
                    detection = true;
                    boxes.add(new Boxes.Box(bbox.get(0).asDouble(), bbox.get(1).asDouble(), bbox.get(2).asDouble(),
                            bbox.get(3).asDouble(), name));
                }
            }
            ObjectNode meta = ItemJson.object();
            meta.put("width", image.width());
            meta.put("height", image.height());
            ObjectNode annotation = detection || label == null ? new Boxes(boxes).toAnnotation() : null;
            sink.item(source, image.index(), new DataItem(image.itemId(), image.fileName(), detection ? null : label,
                    annotation, image.split(), source, image.index(), meta));
        }
    }

    private static void image(String source, long index, JsonNode node, Map<Long, Image> images, ItemSink sink) {
        String where = "images[" + (index - 1) + "]";
        if (!node.path("id").canConvertToLong()) {
            sink.rejected(source, index, where + ".id: missing or not a number", Raw.cut(node.toString()));
        } else if (!node.path("file_name").isTextual() || node.path("file_name").asText().isBlank()) {
            sink.rejected(source, index, where + ".file_name: missing or blank", Raw.cut(node.toString()));
        } else if (images.containsKey(node.path("id").asLong())) {
            sink.rejected(source, index, where + ".id " + node.path("id").asLong() + ": listed twice",
                    Raw.cut(node.toString()));
        } else {
            String file = node.path("file_name").asText();
            String base = file.substring(file.lastIndexOf('/') + 1);
            images.put(node.path("id").asLong(), new Image(index, base, node.path("width").asInt(),
                    node.path("height").asInt(), ItemJson.text(node, "item_id"), ItemJson.text(node, "split")));
        }
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isNumber()) {
                return false;
            }
        }
        return true;
    }
}
