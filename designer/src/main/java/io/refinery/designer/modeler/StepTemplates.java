package io.refinery.designer.modeler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the dataset step templates (the engine's Camunda 7 element templates JSON) for what the UI shows of them. */
final class StepTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StepTemplates() {
    }

    /** Template id → name ({@code "Collect / 采集"}), in the order of the file; the latest version of each id. */
    static Map<String, String> names(String templatesJson) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Integer> versions = new LinkedHashMap<>();
        try {
            for (JsonNode t : JSON.readTree(templatesJson == null ? "[]" : templatesJson)) {
                String id = t.path("id").asText();
                int version = t.path("version").asInt(0);
                if (!id.isEmpty() && version >= versions.getOrDefault(id, Integer.MIN_VALUE)) {
                    versions.put(id, version);
                    names.put(id, t.path("name").asText(id));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("element templates: " + e.getOriginalMessage(), e);
        }
        return names;
    }
}
