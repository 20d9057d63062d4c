package io.refinery.workers.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Bounding boxes as the labelling answer holds them: {@code {"boxes":[{"x","y","w","h","label"}]}}, in pixels. */
record Boxes(List<Box> boxes) {

    record Box(double x, double y, double w, double h, String label) {
    }

    static Boxes of(JsonNode annotation) {
        List<Box> list = new ArrayList<>();
        if (annotation != null) {
            for (JsonNode b : annotation.path("boxes")) {
                list.add(new Box(b.path("x").asDouble(), b.path("y").asDouble(), b.path("w").asDouble(),
                        b.path("h").asDouble(), b.path("label").asText()));
            }
        }
        return new Boxes(list);
    }

    ObjectNode toAnnotation() {
        ObjectNode a = ItemJson.object();
        ArrayNode arr = a.putArray("boxes");
        for (Box b : boxes) {
            ObjectNode o = arr.addObject();
            o.set("x", num(b.x()));
            o.set("y", num(b.y()));
            o.set("w", num(b.w()));
            o.set("h", num(b.h()));
            o.put("label", b.label());
        }
        return a;
    }

    /**
     * A pixel value as JSON: rounded to 3 decimals (what survives normalized coordinates), a whole number as an int,
     * so that 10 written and 10.0000001 read back compare equal.
     */
    static JsonNode num(double v) {
        double r = Math.round(v * 1000) / 1000.0;
        if (r == Math.rint(r) && Math.abs(r) < Integer.MAX_VALUE) {
            return IntNode.valueOf((int) r);
        }
        return DoubleNode.valueOf(r);
    }

    /** A number for text formats: no trailing zeros, at most 6 decimals. */
    static String text(double v) {
        return new java.math.BigDecimal(v).setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }
}
