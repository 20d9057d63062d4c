package io.refinery.workflows.rows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One JSON object per line; trailing content and duplicate keys are errors. */
final class JsonLineParser implements LineParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    @Override
    public Parsed parse(long line, String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return Parsed.rejected(QuarantineReason.invalidJson(e.getOriginalMessage()));
        }
        if (node instanceof ObjectNode object) {
            return Parsed.row(object);
        }
        return Parsed.rejected(QuarantineReason.notAnObject());
    }
}
