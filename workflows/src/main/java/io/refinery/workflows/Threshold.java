package io.refinery.workflows;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One quality threshold of the gate: its process variable name, its range, its default and what it means, in English
 * and Chinese. The one definition the demand (API and form), the approval page, the QC worker and the gate share.
 *
 * @param name      process variable name (also the field name in the demand's {@code thresholds})
 * @param min       smallest allowed value
 * @param max       largest allowed value
 * @param whole     only whole numbers (a count of items, not a ratio)
 * @param atLeast   true: the metric must be at least the threshold ("min"); false: at most ("max")
 * @param fallback  default when a demand leaves it out
 */
public record Threshold(String name, double min, double max, boolean whole, boolean atLeast, double fallback,
                        String labelEn, String labelZh, String meaningEn, String meaningZh) {

    /** Every threshold, in the order forms show them. */
    public static final List<Threshold> ALL = List.of(
            ratio(Vars.MIN_COMPLETENESS, 0.95, "Completeness", "完整性",
                    "Share of items with a final answer", "有最终答案的条目占比"),
            ratio(Vars.MIN_VALIDITY, 0.99, "Validity", "有效性",
                    "Share of final answers valid for the task type", "符合任务类型格式的最终答案占比"),
            ratio(Vars.MIN_AGREEMENT, 0.8, "Agreement", "一致率",
                    "Share of items on which the annotators agree", "标注员答案一致的条目占比"),
            new Threshold(Vars.MIN_KAPPA, -1, 1, false, true, 0.6, "Cohen's kappa", "Cohen κ",
                    "Agreement beyond chance between two annotators (-1 to 1)", "两名标注员排除偶然一致后的一致性（-1 到 1）"),
            new Threshold(Vars.MIN_ALPHA, -1, 1, false, true, 0.667, "Krippendorff's alpha", "Krippendorff α",
                    "Agreement of all annotators beyond chance (-1 to 1)", "所有标注员排除偶然一致后的一致性（-1 到 1）"),
            ratio(Vars.MIN_IOU, 0.5, "Box IoU", "框 IoU",
                    "Mean overlap of the boxes two annotators drew (image boxes)", "两名标注员所画框的平均重合度（图像框选）"),
            ratio(Vars.MIN_SPAN_F1, 0.8, "Span F1", "实体 F1",
                    "Agreement of entity spans and labels (named entities)", "实体片段与标签的一致程度（命名实体）"),
            ratio(Vars.MIN_GOLD_ACCURACY, 0.8, "Gold accuracy", "金标准准确率",
                    "Share of gold items answered correctly", "金标准条目的答对比例"),
            new Threshold(Vars.MIN_CLASS_COUNT, 0, 1_000_000_000, true, true, 1, "Items per class (k)", "每类最少条数 k",
                    "Every class needs at least this many items, else more data is collected",
                    "每个类别至少需要的条数，不足时补充采集"),
            new Threshold(Vars.MAX_DUPLICATE_RATE, 0, 1, false, false, 0.05, "Duplicate rate", "重复率",
                    "Largest share of exact duplicates among collected rows", "采集行中完全重复的最大占比"),
            new Threshold(Vars.MAX_NEAR_DUPLICATE_RATE, 0, 1, false, false, 0.05, "Near-duplicate rate", "近似重复率",
                    "Largest share of near duplicates among collected rows", "采集行中近似重复的最大占比"),
            new Threshold(Vars.MAX_SENSITIVE_RATIO, 0, 1, false, false, 0.01, "Sensitive-term ratio", "敏感词比例",
                    "Largest share of items with a sensitive term", "含敏感词条目的最大占比"));

    private static final Map<String, Threshold> BY_NAME;

    static {
        Map<String, Threshold> byName = new LinkedHashMap<>();
        ALL.forEach(t -> byName.put(t.name(), t));
        BY_NAME = java.util.Collections.unmodifiableMap(byName);
    }

    private static Threshold ratio(String name, double fallback, String labelEn, String labelZh, String meaningEn,
                                   String meaningZh) {
        return new Threshold(name, 0, 1, false, true, fallback, labelEn, labelZh, meaningEn, meaningZh);
    }

    public static Optional<Threshold> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Default of every threshold by name, in {@link #ALL}'s order. */
    public static Map<String, Double> defaults() {
        Map<String, Double> d = new LinkedHashMap<>();
        ALL.forEach(t -> d.put(t.name(), t.fallback()));
        return Collections.unmodifiableMap(d);
    }

    /**
     * What is wrong with {@code value} for this threshold, in English ({@code null}: nothing). Names the field by its
     * label and its name, e.g. {@code Agreement (minAgreement) must be between 0 and 1, not 1.5}.
     */
    public String problem(Number value) {
        return problem(value, Locale.ENGLISH);
    }

    /** {@link #problem(Number)} in the given language (Chinese for {@code zh}, English otherwise). */
    public String problem(Number value, Locale locale) {
        boolean zh = "zh".equals(locale.getLanguage());
        String field = (zh ? labelZh : labelEn) + " (" + name + ")";
        if (value == null || Double.isNaN(value.doubleValue())) {
            return zh ? field + " 必须是数字" : field + " must be a number";
        }
        double v = value.doubleValue();
        if (whole && v != Math.floor(v)) {
            return zh ? field + " 必须是整数（条数），而不是 " + value : field + " must be a whole number of items, not " + value;
        }
        if (v < min || v > max) {
            return zh ? field + " 必须在 " + range() + " 之间，而不是 " + value
                    : field + " must be between " + range().replace("–", " and ") + ", not " + value;
        }
        return null;
    }

    /** The range as shown to people, e.g. {@code 0–1}, {@code -1–1}, {@code 0–1000000000}. */
    public String range() {
        return format(min) + "–" + format(max);
    }

    public String label(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? labelZh : labelEn;
    }

    public String meaning(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? meaningZh : meaningEn;
    }

    private static String format(double d) {
        return d == Math.floor(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
