package io.refinery.workflows.prelabel;

import io.refinery.workflows.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Suggests a label from rules, one per line: {@code label: keyword|keyword|re:regex}. Blank lines and lines
 * starting with {@code #} are ignored. Keywords are separated by {@code |}; an alternative starting with
 * {@code re:} is a regular expression that runs to the end of the line (so it may contain {@code |}; put it
 * last). Matching is case-insensitive on the normalized text ({@link TextNormalizer}); rules are tried in
 * order and the first match wins. A regex search that exceeds its budget counts as no match and is counted
 * in {@link #regexBudgetExceeded()}.
 */
public final class RuleLabeler {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private final List<LabelRule> rules;
    private final TextNormalizer normalizer = new TextNormalizer();
    private long regexBudgetExceeded;

    private RuleLabeler(List<LabelRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * @param rulesText the rules, as typed in the demand form
     * @param labelSet  the labels a rule may name
     * @throws LabelRuleException naming the first bad line
     */
    public static RuleLabeler parse(String rulesText, Collection<String> labelSet) {
        Set<String> labels = new TreeSet<>(labelSet);
        List<LabelRule> rules = new ArrayList<>();
        String[] lines = rulesText == null ? new String[0] : rulesText.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                rules.add(parseRule(i + 1, line, labels));
            }
        }
        return new RuleLabeler(rules);
    }

    private static LabelRule parseRule(int number, String line, Set<String> labels) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new LabelRuleException(number, "expected \"label: keyword|keyword|re:regex\", found \"" + line + "\"");
        }
        String label = line.substring(0, colon).strip();
        String body = line.substring(colon + 1).strip();
        if (label.isEmpty()) {
            throw new LabelRuleException(number, "missing label before ':'");
        }
        if (!labels.contains(label)) {
            throw new LabelRuleException(number, "label \"" + label + "\" is not in the label set " + labels);
        }
        if (body.isEmpty()) {
            throw new LabelRuleException(number, "no keywords for label \"" + label + "\"");
        }
        TextNormalizer normalizer = new TextNormalizer();
        List<String> keywords = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        String rest = body;
        while (rest != null) {
            String part = rest.strip();
            if (part.startsWith("re:")) {
                patterns.add(compile(number, part.substring(3).strip(), body));
                break;
            }
            int bar = rest.indexOf('|');
            String keyword = (bar < 0 ? rest : rest.substring(0, bar)).strip();
            rest = bar < 0 ? null : rest.substring(bar + 1);
            if (keyword.isEmpty()) {
                throw new LabelRuleException(number, "empty keyword in rule \"" + body + "\"");
            }
            keywords.add(LabelRule.lower(normalizer.normalize(keyword)));
        }
        return new LabelRule(number, label, body, keywords, patterns);
    }

    private static Pattern compile(int number, String regex, String body) {
        if (regex.isEmpty()) {
            throw new LabelRuleException(number, "empty regex in rule \"" + body + "\"");
        }
        try {
            return Pattern.compile(regex, FLAGS);
        } catch (PatternSyntaxException e) {
            throw new LabelRuleException(number, "bad regex \"" + regex + "\" in rule \"" + body + "\": "
                    + e.getDescription());
        }
    }

    /** The label of the first matching rule, if any. */
    public Optional<Prelabel> label(String text) {
        String normalized = normalizer.normalize(text);
        String lower = LabelRule.lower(normalized);
        for (LabelRule rule : rules) {
            if (rule.matches(normalized, lower, () -> regexBudgetExceeded++)) {
                return Optional.of(new Prelabel(rule.label(), rule.readable()));
            }
        }
        return Optional.empty();
    }

    public int ruleCount() {
        return rules.size();
    }

    /** How many regex searches were abandoned for exceeding their budget (each counted as no match). */
    public long regexBudgetExceeded() {
        return regexBudgetExceeded;
    }
}
