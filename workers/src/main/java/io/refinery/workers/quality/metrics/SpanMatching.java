package io.refinery.workers.quality.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/** Named-entity spans of two annotators compared exactly: same start, end and label is a hit. */
public final class SpanMatching {

    /** A span [start, end) of UTF-16 code units with its label. */
    public record Span(int start, int end, String label) {
    }

    /** @param hits spans both gave; spansA, spansB how many each gave */
    public record Result(int hits, int spansA, int spansB) {
        /** 2·hits / (spansA + spansB); 1.0 when neither marked a span (they agree there is none). */
        public double f1() {
            return spansA + spansB == 0 ? 1.0 : 2.0 * hits / (spansA + spansB);
        }
    }

    private SpanMatching() {
    }

    public static Result match(Set<Span> a, Set<Span> b) {
        int hits = 0;
        for (Span s : a) {
            hits += b.contains(s) ? 1 : 0;
        }
        return new Result(hits, a.size(), b.size());
    }

    /** The spans of an answer {@code {"spans": [{start, end, label}]}}; malformed entries are skipped. */
    public static Set<Span> spans(JsonNode value) {
        Set<Span> out = new HashSet<>();
        if (value == null) {
            return out;
        }
        for (JsonNode s : value.path("spans")) {
            if (s.path("start").isInt() && s.path("end").isInt() && s.path("label").isTextual()) {
                out.add(new Span(s.get("start").asInt(), s.get("end").asInt(), s.get("label").asText()));
            }
        }
        return out;
    }
}
