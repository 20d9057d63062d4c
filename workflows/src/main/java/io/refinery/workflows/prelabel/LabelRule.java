package io.refinery.workflows.prelabel;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** One parsed rule: any keyword (lower-case, normalized) or regex found in the text means {@code label}. */
record LabelRule(int line, String label, String body, List<String> keywords, List<Pattern> patterns) {

    /** Budget of character reads per regex search, so a pathological regex cannot hang a worker. */
    static final long REGEX_BUDGET = 5_000_000;

    String readable() {
        return "line " + line + ": " + body;
    }

    /**
     * @param normalized the normalized text
     * @param lower      the same, lower-cased
     * @param overBudget called when a regex search was abandoned (counts as no match)
     */
    boolean matches(String normalized, String lower, Runnable overBudget) {
        for (String keyword : keywords) {
            if (lower.contains(keyword)) {
                return true;
            }
        }
        for (Pattern pattern : patterns) {
            try {
                if (pattern.matcher(new BudgetedText(normalized, REGEX_BUDGET)).find()) {
                    return true;
                }
            } catch (BudgetedText.Exhausted e) {
                overBudget.run();
            }
        }
        return false;
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
