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

    QcExport(WorkPackages packages, GoldItems gold, ObjectMapper json) {
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
        for (Map.Entry<Long, Integer> e : new TreeMap<>(packages.latestRounds(versionId)).entrySet()) {
            Map<Long, List<Map<String, Object>>> answers = new HashMap<>();
            for (var a : packages.annotations(e.getKey(), e.getValue())) {
                Map<String, Object> ann = new LinkedHashMap<>();
                ann.put("slot", a.slot());
                ann.put("annotator", a.annotator());
                ann.put("label", a.label());
                ann.put("value", Ndjson.tree(json, a.valueJson()));
                answers.computeIfAbsent(a.itemId(), k -> new ArrayList<>()).add(ann);
            }
            for (var item : packages.qcItems(e.getKey())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("itemId", item.itemId());
                row.put("packageId", e.getKey());
                row.put("round", e.getValue());
                row.put("text", item.text());
                row.put("annotations", answers.getOrDefault(item.itemId(), List.of()));
                row.put("finalLabel", item.finalLabel());
                row.put("rejected", item.rejected());
                row.put("finalValue", Ndjson.tree(json, item.finalValueJson()));
                row.put("meta", Ndjson.tree(json, item.metaJson()));
                row.put("uploadedAt", item.uploadedAt() == null ? null : item.uploadedAt().toString());
                Ndjson.write(out, row);
            }
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
