package io.refinery.workers.process;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The operators a process step can apply, by the names the designer configures. */
public enum TextOperator {
    NORMALIZE("normalize"),
    DEDUP("dedup"),
    /** Near-duplicates by MinHash + LSH over character shingles; see {@link NearDuplicateIndex}. */
    DEDUP_NEAR("dedup-near"),
    MASK_PII("mask-pii");

    private final String operatorName;

    TextOperator(String operatorName) {
        this.operatorName = operatorName;
    }

    public String operatorName() {
        return operatorName;
    }

    /** The operator with this name (trimmed, exact case). */
    public static TextOperator named(String name) {
        String wanted = name == null ? "" : name.strip();
        for (TextOperator operator : values()) {
            if (operator.operatorName.equals(wanted)) {
                return operator;
            }
        }
        throw new IllegalArgumentException("unknown operator \"" + name + "\" (known: "
                + Arrays.stream(values()).map(TextOperator::operatorName).collect(Collectors.joining(", ")) + ")");
    }
}
