package io.refinery.workers.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One configured operator of a Process step with its options, parsed from the step's {@code operators} input
 * parameter (the designer's element template validates the same format with a pattern):
 * <pre>
 *   operators := operator ( "," operator )*
 *   operator  := name [ "(" option ( ";" option )* ")" ]
 *   option    := key "=" value ( "|" value )*
 * </pre>
 * e.g. {@code normalize, dedup, dedup-near(threshold=0.85;shingle=5), mask-pii(kinds=phone|email)}. Order matters: operators run as listed. Every error names
 * the operator it is about and what is allowed instead.
 */
public record OperatorSpec(TextOperator operator, Map<String, List<String>> options) {

    /** Options each operator takes, with their allowed values (empty list = any value). */
    private static final Map<TextOperator, Map<String, List<String>>> ALLOWED = Map.of(
            TextOperator.NORMALIZE, Map.of(),
            TextOperator.DEDUP, Map.of(),
            TextOperator.DEDUP_NEAR, new java.util.TreeMap<>(Map.of("threshold", List.of(), "shingle", List.of())),
            TextOperator.MASK_PII, Map.of("kinds", Arrays.stream(PiiKind.values()).map(OperatorSpec::kindName).toList()));

    public OperatorSpec {
        options = Map.copyOf(options);
    }

    public static OperatorSpec of(TextOperator operator) {
        return new OperatorSpec(operator, Map.of());
    }

    /** Parses a whole list; blank text is an error (the caller decides what a missing list means). */
    public static List<OperatorSpec> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no operators given: expected e.g. \"normalize, mask-pii(kinds=phone|email)\"");
        }
        List<OperatorSpec> specs = new ArrayList<>();
        String[] items = text.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("operator " + (i + 1) + " of \"" + text.strip() + "\" is empty");
            }
            specs.add(parse(item));
        }
        return specs;
    }

    static OperatorSpec parse(String item) {
        int open = item.indexOf('(');
        String name = (open < 0 ? item : item.substring(0, open)).strip();
        TextOperator operator;
        try {
            operator = TextOperator.named(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("operator \"" + item + "\": " + e.getMessage());
        }
        if (open < 0) {
            return of(operator);
        }
        if (!item.endsWith(")")) {
            throw new IllegalArgumentException("operator \"" + item + "\": options must end with ')'");
        }
        Map<String, List<String>> options = new LinkedHashMap<>();
        String body = item.substring(open + 1, item.length() - 1).strip();
        if (!body.isEmpty()) {
            for (String option : body.split(";")) {
                options.putAll(option(operator, item, option.strip()));
            }
        }
        return new OperatorSpec(operator, options);
    }

    private static Map<String, List<String>> option(TextOperator operator, String item, String option) {
        Map<String, List<String>> allowed = ALLOWED.get(operator);
        int eq = option.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("operator \"" + item + "\": option \"" + option
                    + "\" must look like key=value or key=value1|value2");
        }
        String key = option.substring(0, eq).strip();
        if (!allowed.containsKey(key)) {
            throw new IllegalArgumentException("operator \"" + item + "\": unknown option \"" + key + "\" ("
                    + operator.operatorName() + (allowed.isEmpty() ? " takes no options)"
                    : " takes " + String.join(", ", allowed.keySet()) + ")"));
        }
        List<String> values = Arrays.stream(option.substring(eq + 1).split("\\|")).map(String::strip).toList();
        for (String value : values) {
            if (value.isEmpty() || (!allowed.get(key).isEmpty() && !allowed.get(key).contains(value))) {
                throw new IllegalArgumentException("operator \"" + item + "\": unknown " + key + " value \"" + value
                        + "\" (known: " + String.join(", ", allowed.get(key)) + ")");
            }
        }
        if (operator == TextOperator.DEDUP_NEAR) {
            nearOption(item, key, values);
        }
        return Map.of(key, values);
    }

    /** Options of dedup-near: one number each, in range. */
    private static void nearOption(String item, String key, List<String> values) {
        String range = key.equals("threshold") ? "a number from " + NearDuplicateIndex.MIN_THRESHOLD + " to 1"
                : "a whole number from 1 to " + NearDuplicateIndex.MAX_SHINGLE;
        try {
            if (values.size() == 1) {
                double value = key.equals("threshold") ? Double.parseDouble(values.get(0)) : Integer.parseInt(values.get(0));
                double min = key.equals("threshold") ? NearDuplicateIndex.MIN_THRESHOLD : 1;
                double max = key.equals("threshold") ? 1 : NearDuplicateIndex.MAX_SHINGLE;
                if (value >= min && value <= max) {
                    return;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("operator \"" + item + "\": " + key + " must be " + range
                + ", not \"" + String.join("|", values) + "\"");
    }

    /** The Jaccard threshold of a dedup-near operator (option {@code threshold}, default 0.8). */
    public double nearThreshold() {
        List<String> value = options.get("threshold");
        return value == null ? NearDuplicateIndex.DEFAULT_THRESHOLD : Double.parseDouble(value.get(0));
    }

    /** The shingle size of a dedup-near operator (option {@code shingle}, default 5 characters). */
    public int nearShingle() {
        List<String> value = options.get("shingle");
        return value == null ? NearDuplicateIndex.DEFAULT_SHINGLE : Integer.parseInt(value.get(0));
    }

    /** The PII kinds a mask-pii operator masks: those of option {@code kinds}, or all. */
    public java.util.Set<PiiKind> piiKinds() {
        List<String> kinds = options.get("kinds");
        if (kinds == null) {
            return java.util.EnumSet.allOf(PiiKind.class);
        }
        java.util.Set<PiiKind> set = java.util.EnumSet.noneOf(PiiKind.class);
        for (PiiKind kind : PiiKind.values()) {
            if (kinds.contains(kindName(kind))) {
                set.add(kind);
            }
        }
        return set;
    }

    /** {@code ID_CARD} is written {@code id-card}. */
    static String kindName(PiiKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        if (options.isEmpty()) {
            return operator.operatorName();
        }
        return operator.operatorName() + options.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.join("|", e.getValue()))
                .collect(Collectors.joining(";", "(", ")"));
    }
}
