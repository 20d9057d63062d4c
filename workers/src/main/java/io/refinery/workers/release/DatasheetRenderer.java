package io.refinery.workers.release;

import io.refinery.workers.report.Check;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/** Renders {@code datasheet.md}, following the sections of "Datasheets for Datasets" (Gebru et al.). */
final class DatasheetRenderer {

    private DatasheetRenderer() {
    }

    static String render(DatasheetFacts f) {
        StringBuilder md = new StringBuilder();
        md.append("# Datasheet: ").append(cell(f.name())).append(' ').append(cell(f.version()))
                .append(" (数据说明书)\n\n");

        md.append("## Motivation (动机)\n\n");
        line(md, "Purpose", f.description());
        line(md, "Task type", f.taskType());
        line(md, "Created by", f.createdBy());
        line(md, "Created at", f.createdAt());

        md.append("\n## Composition (构成)\n\n");
        line(md, "Items released", Long.toString(f.releasedItems()));
        line(md, "Label set", String.join(", ", f.labelSet()));
        md.append("\n| label | items | share |\n|---|---:|---:|\n");
        long total = f.classCounts().values().stream().mapToLong(Long::longValue).sum();
        f.classCounts().forEach((label, count) -> md.append("| ").append(cell(label)).append(" | ").append(count)
                .append(" | ").append(total == 0 ? "-" : ratio((double) count / total)).append(" |\n"));

        SplitSummary splits = f.splits();
        if (splits != null) {
            md.append("\n| split | items | share | per class |\n|---|---:|---:|---|\n");
            splits.items().forEach((split, count) -> md.append("| ").append(split).append(" | ").append(count)
                    .append(" | ").append(total == 0 ? "-" : ratio((double) count / total)).append(" | ")
                    .append(cell(splits.classes().getOrDefault(split, Map.of()).entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("")))
                    .append(" |\n"));
            md.append('\n');
            line(md, "Split", splits.percent().get("train") + "/" + splits.percent().get("validation") + "/"
                    + splits.percent().get("test") + " (train/validation/test), " + splits.method() + ", seed "
                    + splits.seed() + "; the same items and seed give the same split");
        }

        md.append("\n## Collection process (收集过程)\n\n");
        md.append("| source | accepted | quarantined |\n|---|---:|---:|\n");
        f.sources().forEach(s -> md.append("| ").append(cell(s.source())).append(" | ").append(s.accepted())
                .append(" | ").append(s.quarantined()).append(" |\n"));
        DatasheetFacts.Processing p = f.processing();
        md.append('\n');
        line(md, "Rows collected", Long.toString(p.collected()));
        line(md, "Rows quarantined (kept in quarantine.jsonl with file, line and reason)", Long.toString(p.quarantined()));
        counts(md, "quarantine reason", p.quarantinedByReason());

        Lineage lineage = f.lineage();
        if (lineage != null) {
            line(md, "Process instance", lineage.processInstanceId());
            line(md, "Process definition", lineage.processDefinitionKey() == null ? null
                    : lineage.processDefinitionKey() + " version " + lineage.processDefinitionVersion());
            if (!lineage.sources().isEmpty()) {
                md.append("\n| source file | bytes | SHA-256 |\n|---|---:|---|\n");
                lineage.sources().forEach(s -> md.append("| ").append(cell(s.name())).append(" | ")
                        .append(s.bytes() == null ? "-" : s.bytes()).append(" | ")
                        .append(s.sha256() == null ? "-" : "`" + s.sha256() + "`").append(" |\n"));
                md.append('\n');
            }
        }

        md.append("\n## Preprocessing, cleaning and labelling (预处理、清洗与标注)\n\n");
        line(md, "Operators, in order", String.join(" → ", p.operators()));
        line(md, "Exact duplicates removed", Long.toString(p.duplicates()));
        line(md, "Personal data masked", Long.toString(p.piiMaskedByKind().values().stream()
                .mapToLong(Long::longValue).sum()));
        counts(md, "PII kind", p.piiMaskedByKind());
        line(md, "Pre-labelled by rules", Long.toString(p.prelabeled()));
        DatasheetFacts.Labelling l = f.labelling();
        line(md, "Annotators", Integer.toString(l.annotators()));
        line(md, "Labels per item (overlap)", Integer.toString(l.overlap()));
        line(md, "Labelling rounds", Integer.toString(l.rounds()));
        if (lineage != null) {
            line(md, "Worker versions", new TreeMap<>(lineage.workerVersions()).entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse(null));
        }
        md.append("\n| metric | value | threshold | result |\n|---|---:|---:|---|\n");
        for (Check c : f.metrics()) {
            md.append("| ").append(cell(c.metric())).append(" | ")
                    .append(c.value() == null ? "not measured" : ratio(c.value())).append(" | ")
                    .append(c.op()).append(' ').append(ratio(c.threshold())).append(" | ")
                    .append(c.passed() ? "pass" : "FAIL").append(" |\n");
        }
        md.append('\n');
        line(md, "Quality gate", f.qualityPassed() ? "passed" : "not passed (released by decision)");

        md.append("\n## Uses (用途)\n\n");
        line(md, "Intended use", f.intendedUse());
        md.append("- PII was masked by pattern and checksum rules (e-mail, mobile phone, resident ID, bank card);")
                .append(" other personal data may remain. Do not use to identify people.\n");

        md.append("\n## Distribution (分发)\n\n");
        line(md, "License", f.license());
        md.append("- Files: `data.jsonl` (one item per line: id, text, label, annotation, split, source, line, meta)");
        f.dataFiles().stream().filter(file -> !file.equals(ReleaseWriter.DATA))
                .forEach(file -> md.append(", `").append(file).append('`'));
        md.append(", `quarantine.jsonl`, `quality-report.json`, this datasheet; `manifest.json` lists each ")
                .append("file's size and SHA-256")
                .append(lineage == null ? "" : " and the lineage (process, sources, operators, worker versions)")
                .append(".\n");

        md.append("\n## Maintenance (维护)\n\n");
        line(md, "Maintainer", f.createdBy());
        md.append("- A release folder never changes; corrections are published as a new version.\n");
        return md.toString().replaceAll("\n{3,}", "\n\n");
    }

    private static void line(StringBuilder md, String key, String value) {
        md.append("- ").append(key).append(": ").append(value == null || value.isBlank() ? "not stated" : cell(value))
                .append('\n');
    }

    private static void counts(StringBuilder md, String what, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        md.append("\n| ").append(what).append(" | count |\n|---|---:|\n");
        new TreeMap<>(counts).forEach((key, count) -> md.append("| ").append(cell(key)).append(" | ")
                .append(count).append(" |\n"));
        md.append('\n');
    }

    /** At most four decimals, no trailing zeros: 0.95, 0.4, 1. */
    static String ratio(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return new BigDecimal(value).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** One line, with Markdown table separators escaped. */
    static String cell(String text) {
        return text == null ? "" : text.replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }
}
