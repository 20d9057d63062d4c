package io.refinery.engine.catalog;

import io.refinery.engine.release.VersionLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The released versions a grant opens, written as space-separated conditions that must all hold: {@code *} (every
 * version), {@code 1.x} or {@code 1.*} or {@code 1} (major 1), {@code 1.2} (exactly), or a comparison such as
 * {@code >=1.0 <2.0}. A grant for {@code 1.x} opens 1.0 and 1.1, never 2.0.
 */
public record VersionRange(String text, List<Predicate<VersionLabel>> conditions) {
    private static final Pattern MAJOR = Pattern.compile("(\\d{1,6})(?:\\.[x*])?");
    private static final Pattern COMPARISON = Pattern.compile("(>=|<=|>|<|=)?(\\d{1,6}\\.\\d{1,6})");

    /** IllegalArgumentException naming the bad condition. */
    public static VersionRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("version range is empty: write e.g. 1.x, >=1.0 <2.0, 1.2 or *");
        }
        List<Predicate<VersionLabel>> conditions = new ArrayList<>();
        for (String part : text.trim().split("\\s+")) {
            Matcher major = MAJOR.matcher(part);
            Matcher comparison = COMPARISON.matcher(part);
            if (part.equals("*")) {
                conditions.add(v -> true);
            } else if (major.matches()) {
                int m = Integer.parseInt(major.group(1));
                conditions.add(v -> v.major() == m);
            } else if (comparison.matches()) {
                VersionLabel bound = VersionLabel.parse(comparison.group(2));
                String op = comparison.group(1) == null ? "=" : comparison.group(1);
                conditions.add(switch (op) {
                    case ">=" -> v -> v.compareTo(bound) >= 0;
                    case ">" -> v -> v.compareTo(bound) > 0;
                    case "<=" -> v -> v.compareTo(bound) <= 0;
                    case "<" -> v -> v.compareTo(bound) < 0;
                    default -> v -> v.compareTo(bound) == 0;
                });
            } else {
                throw new IllegalArgumentException("version range '" + text + "': cannot read '" + part
                        + "' (use *, 1.x, 1.2, >=1.0, <2.0)");
            }
        }
        return new VersionRange(text.trim(), List.copyOf(conditions));
    }

    public boolean contains(String label) {
        VersionLabel version = VersionLabel.parse(label);
        return conditions.stream().allMatch(c -> c.test(version));
    }
}
