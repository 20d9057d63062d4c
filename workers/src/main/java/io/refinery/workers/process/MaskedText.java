package io.refinery.workers.process;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** A text with its personal data replaced, and how many of each kind were replaced (every kind present, 0 if none). */
public record MaskedText(String text, Map<PiiKind, Integer> counts) {

    public MaskedText {
        EnumMap<PiiKind, Integer> all = new EnumMap<>(PiiKind.class);
        for (PiiKind kind : PiiKind.values()) {
            all.put(kind, counts.getOrDefault(kind, 0));
        }
        counts = Collections.unmodifiableMap(all);
    }

    public int count(PiiKind kind) {
        return counts.get(kind);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
