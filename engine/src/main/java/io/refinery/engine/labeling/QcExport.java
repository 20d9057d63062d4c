package io.refinery.engine.labeling;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.system.Ndjson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * What the QC worker reads of a version, streamed package by package: every item with the answers of the latest
 * round that labelled its package and its final answer, and every answer given on a gold item.
 */
@Service
public class QcExport {
    private final WorkPackages packages;
    private final GoldItems gold;
    private final ObjectMapper json;

    private final PackageAnswers given;

    QcExport(WorkPackages packages, PackageAnswers given, GoldItems gold, ObjectMapper json) {
        this.given = given;
        this.packages = packages;
        this.gold = gold;
        this.json = json;
    }

    /**
     * NDJSON, one line per item: its package, text, the answers of the latest round that labelled its package (label
     * and whole value), the final label and value, whether the expert rejected it, and for timeliness its metadata
     * and when its source file was uploaded ({@code null} for folder sources).
     */
    public void writeItems(long versionId, Ndjson.Writer out) {
        Map<Long, Integer> latest = packages.latestRounds(versionId);
        List<RoundPackage> all = new ArrayList<>();
        for (int round : new java.util.TreeSet<>(latest.values())) {
            packages.roundPackages(versionId, round).stream()
                    .filter(p -> latest.get(p.packageId()) == round).forEach(all::add);
        }
        all.sort(java.util.Comparator.comparingLong(p -> p.run().firstItemId()));
        for (var piece : RoundPackage.together(all)) {
            writeChunk(versionId, piece, latest, out);
        }
    }

    /** Packages lying close together: their answers and their items each in one read along the ids they span. */
    private void writeChunk(long versionId, List<RoundPackage> chunk, Map<Long, Integer> latest,
                            Ndjson.Writer out) {
        var along = RoundPackage.spanOf(chunk);
        Map<Long, List<Map<String, Object>>> answers = new HashMap<>();
        for (int round : new java.util.TreeSet<>(chunk.stream().map(p -> latest.get(p.packageId())).toList())) {
            for (var a : given.annotationsAlong(along, round)) {
                var p = RoundPackage.holding(chunk, a.itemId());
                if (p == null || latest.get(p.packageId()) != round) {
                    continue; // an answer of an earlier round of this package, or of an item outside the chunk's packages
                }
                Map<String, Object> ann = new LinkedHashMap<>();
                ann.put("slot", a.slot());
                ann.put("annotator", a.annotator());
                ann.put("label", a.label());
                ann.put("value", Ndjson.raw(a.valueJson()));
                answers.computeIfAbsent(a.itemId(), k -> new ArrayList<>(2)).add(ann);
            }
        }
        for (var item : packages.qcItemsAlong(along)) {
            var p = RoundPackage.holding(chunk, item.itemId());
            if (p == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("itemId", item.itemId());
            row.put("packageId", p.packageId());
            row.put("round", latest.get(p.packageId()));
            row.put("text", item.text());
            row.put("annotations", answers.getOrDefault(item.itemId(), List.of()));
            row.put("finalLabel", item.finalLabel());
            row.put("rejected", item.rejected());
            row.put("finalValue", Ndjson.raw(item.finalValueJson()));
            row.put("meta", Ndjson.raw(item.metaJson()));
            row.put("uploadedAt", item.uploadedAt() == null ? null : item.uploadedAt().toString());
            Ndjson.write(out, row);
        }
    }

    /**
     * NDJSON, one line per answer given on a gold item in this version: who, in which round and package, the answer,
     * the true answer and whether the engine judged it equal.
     */
    public void writeGoldAnswers(long versionId, Ndjson.Writer out) {
        gold.forEachGoldAnswer(versionId, a -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("annotator", a.annotator());
            row.put("round", a.round());
            row.put("packageId", a.packageId());
            row.put("goldId", a.goldId());
            row.put("value", Ndjson.tree(json, a.valueJson()));
            row.put("goldValue", Ndjson.tree(json, a.goldValueJson()));
            row.put("correct", a.correct());
            Ndjson.write(out, row);
        });
    }
}
