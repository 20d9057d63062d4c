package io.refinery.workers.release;

import io.refinery.workers.report.Check;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code datasheet.md} states, gathered by the release step. Maps are rendered sorted by key,
 * except {@code classCounts}, which keeps label-set order.
 *
 * @param description   what the dataset is for (motivation)
 * @param taskType      e.g. {@code text-classification}
 * @param releasedItems lines of {@code data.jsonl}
 * @param metrics       the QC checks, e.g. {@code QualityResult.checks()}
 * @param createdAt     ISO-8601, passed in
 * @param lineage       process, sources, operators, worker versions; null if unknown
 * @param splits        how the items were split; null if not split
 * @param dataFiles     the data files of the release (formats and splits), e.g. {@code data.parquet}
 */
public record DatasheetFacts(String name, String version, String description, String taskType,
        List<String> labelSet, List<SourceCount> sources, Processing processing, Labelling labelling,
        long releasedItems, Map<String, Long> classCounts, List<Check> metrics, boolean qualityPassed,
        String intendedUse, String license, String createdBy, String createdAt, Lineage lineage,
        SplitSummary splits, List<String> dataFiles) {

    /** Facts without lineage, splits and data files. */
    public DatasheetFacts(String name, String version, String description, String taskType, List<String> labelSet,
            List<SourceCount> sources, Processing processing, Labelling labelling, long releasedItems,
            Map<String, Long> classCounts, List<Check> metrics, boolean qualityPassed, String intendedUse,
            String license, String createdBy, String createdAt) {
        this(name, version, description, taskType, labelSet, sources, processing, labelling, releasedItems,
                classCounts, metrics, qualityPassed, intendedUse, license, createdBy, createdAt, null, null,
                List.of(ReleaseWriter.DATA));
    }

    public DatasheetFacts {
        dataFiles = List.copyOf(dataFiles);
        labelSet = List.copyOf(labelSet);
        sources = List.copyOf(sources);
        classCounts = Collections.unmodifiableMap(new LinkedHashMap<>(classCounts));
        metrics = List.copyOf(metrics);
    }

    /** These facts with the release's lineage, splits and data files. */
    public DatasheetFacts withRelease(Lineage newLineage, SplitSummary newSplits, List<String> newDataFiles) {
        return new DatasheetFacts(name, version, description, taskType, labelSet, sources, processing, labelling,
                releasedItems, classCounts, metrics, qualityPassed, intendedUse, license, createdBy, createdAt,
                newLineage, newSplits, newDataFiles);
    }

    /** Rows a source gave: accepted into the dataset, quarantined. */
    public record SourceCount(String source, long accepted, long quarantined) {
    }

    /**
     * What collect and process did.
     *
     * @param quarantinedByReason e.g. {@code CollectStats.quarantinedByReason()}
     * @param operators           the process operators in the order applied
     * @param piiMaskedByKind     e.g. {@code EMAIL -> 3}
     * @param prelabeled          items that got a rule-based suggestion
     */
    public record Processing(long collected, long quarantined, Map<String, Long> quarantinedByReason,
            List<String> operators, long duplicates, Map<String, Long> piiMaskedByKind, long prelabeled) {

        public Processing {
            quarantinedByReason = Map.copyOf(quarantinedByReason);
            operators = List.copyOf(operators);
            piiMaskedByKind = Map.copyOf(piiMaskedByKind);
        }
    }

    /** How people labelled: distinct annotators, labels per item, rounds until release. */
    public record Labelling(int annotators, int overlap, int rounds) {
    }
}
