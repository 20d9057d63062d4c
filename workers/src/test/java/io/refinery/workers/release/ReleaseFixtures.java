package io.refinery.workers.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refinery.workers.quality.Annotation;
import io.refinery.workers.quality.ItemRecord;
import io.refinery.workers.quality.QualityMetrics;
import io.refinery.workers.quality.QualityResult;
import io.refinery.workers.quality.SensitiveTerms;
import io.refinery.workflows.ThresholdValues;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small, complete release written the way the release step will write it. */
final class ReleaseFixtures {

    static final Instant CREATED_AT = Instant.parse("2026-11-28T10:15:30Z");
    static final List<String> LABELS = List.of("billing", "delivery");

    private ReleaseFixtures() {
    }

    static QualityResult quality() {
        QualityMetrics metrics = new QualityMetrics(LABELS, SensitiveTerms.none());
        metrics.accept(new ItemRecord("1", "p1", "账单", List.of(new Annotation(0, "ann", "billing"),
                new Annotation(1, "bob", "billing")), "billing", false));
        metrics.accept(new ItemRecord("2", "p1", "parcel", List.of(new Annotation(0, "ann", "delivery"),
                new Annotation(1, "bob", "delivery")), "delivery", false));
        return metrics.result(ThresholdValues.defaults(), 3, 0);
    }

    static DatasheetFacts facts(QualityResult quality) {
        return new DatasheetFacts("support-tickets", "v1", "Route customer tickets | by topic", "text-classification",
                LABELS, List.of(new DatasheetFacts.SourceCount("tickets.jsonl", 2, 1)),
                new DatasheetFacts.Processing(3, 1, Map.of("invalid JSON", 1L),
                        List.of("normalize", "dedup", "mask-pii"), 0, Map.of("PHONE", 1L, "EMAIL", 2L), 1),
                new DatasheetFacts.Labelling(2, 2, 1), 2, quality.classBalance().counts(), quality.checks(),
                quality.passed(), "Train a ticket router.", "internal use only", "alice", CREATED_AT.toString());
    }

    /** Writes the fixture release into {@code dir}. */
    static Manifest write(Path dir) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ReleaseWriter writer = ReleaseWriter.create(dir, "support-tickets", "v1", CREATED_AT);
        try (JsonlWriter data = writer.openData()) {
            ObjectNode meta = mapper.createObjectNode().put("z", 1).put("channel", "app");
            data.write(new ReleasedItem("1", "账单 [PHONE]", "billing", "tickets.jsonl", 1, meta));
            ObjectNode raw = mapper.createObjectNode();
            raw.put("text", "where is my parcel").put("label", "delivery").put("id", "2");
            data.write(raw);
        }
        try (JsonlWriter quarantine = writer.openQuarantine()) {
            quarantine.write(new QuarantinedRow("tickets.jsonl", 2, "invalid JSON: Unexpected end-of-input", "{\"id\":"));
        }
        QualityResult quality = quality();
        writer.writeQualityReport(quality);
        writer.writeDatasheet(facts(quality));
        return writer.finish();
    }
}
