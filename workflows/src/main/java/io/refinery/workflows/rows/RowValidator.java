package io.refinery.workflows.rows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Applies {@link RowRules} to a parsed row: required fields, then the text field's type, blankness and length. */
public final class RowValidator {

    private final RowRules rules;

    public RowValidator(RowRules rules) {
        this.rules = rules;
    }

    /** The first problem of the row, or {@code null} if it is acceptable. */
    public QuarantineReason check(ObjectNode row) {
        for (String field : rules.requiredFields()) {
            JsonNode value = row.get(field);
            if (value == null || value.isNull()) {
                return QuarantineReason.missingField(field);
            }
            if (value.isTextual() && value.textValue().isBlank() && !field.equals(rules.textField())) {
                return QuarantineReason.blankField(field);
            }
        }
        String field = rules.textField();
        JsonNode text = row.get(field);
        if (text == null || text.isNull()) {
            return QuarantineReason.missingField(field);
        }
        if (!text.isTextual()) {
            return QuarantineReason.notAString(field);
        }
        String value = text.textValue();
        if (value.isBlank()) {
            return QuarantineReason.blankField(field);
        }
        long chars = value.codePointCount(0, value.length());
        if (chars > rules.maxTextChars()) {
            return QuarantineReason.textTooLong(field, chars, rules.maxTextChars());
        }
        if (rules.images() != null && !rules.images().contains(value)) {
            return QuarantineReason.imageNotFound(field, value);
        }
        return null;
    }
}
