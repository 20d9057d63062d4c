package io.refinery.engine.dataset;

import io.refinery.workflows.Processes;
import io.refinery.workflows.Threshold;
import io.refinery.workflows.Vars;
import io.refinery.workflows.answers.AnnotationValues;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset demand (需求): what the business needs, and the quality it must reach. Approved values drive the run.
 *
 * @param source         {@code upload} (files uploaded to the version), {@code folder:<path>} (a server folder under
 *                       an admin's root) or {@code url:<url> [<url> ...]} (http/https URLs from allowed hosts,
 *                       separated by whitespace); see {@link SourcePolicy}
 * @param processKey     the deployed process that builds it (default {@link Processes#DATASET_CONSTRUCTION}); it
 *                       must pass the dataset-process contract check
 * @param processVersion the version of that process; null = the latest when the demand is filed
 * @param priority       priority of its human tasks in the inbox, 0–100 (default 50)
 */
public record Demand(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*", message = "may contain letters, digits, space, '.', '_' and '-'") String name,
        @Size(max = 2000) String description,
        @NotBlank @Pattern(regexp = AnnotationValues.TASK_TYPE_PATTERN) String taskType,
        @NotEmpty @Size(max = 200) List<@NotBlank @Pattern(regexp = "[\\p{L}\\p{N}_-]{1,100}") String> labelSet,
        @Size(max = 20000) String labelRules,
        @Min(1) long targetSize,
        LocalDate dueDate,
        @Size(max = 2000) String intendedUse,
        @NotBlank @Size(max = 4000) @Pattern(regexp = "upload|folder:.+|url:\\s*https?://\\S+(\\s+https?://\\S+)*\\s*", message = "must be 'upload', 'folder:<path>' or 'url:<http(s) URL> [<URL> ...]'") String source,
        @Min(1) @Max(10000) Integer packageSize,
        @Min(1) @Max(5) Integer overlap,
        @Pattern(regexp = "P.+", message = "must be an ISO-8601 duration such as P3D or PT30M") String labelSla,
        @Min(1) @Max(20) Integer maxRounds,
        @Valid Thresholds thresholds,
        @Size(max = 200) String license,
        @Valid Splits splits,
        @Size(max = 255) @Pattern(regexp = "[A-Za-z_][\\w.-]*", message = "must be a process key: letters, digits, '_', '-', '.'") String processKey,
        @Min(1) Integer processVersion,
        @Min(0) @Max(100) Integer priority) {

    /** A demand without licence and split settings (the release uses its defaults). */
    public Demand(String name, String description, String taskType, List<String> labelSet, String labelRules,
                  long targetSize, LocalDate dueDate, String intendedUse, String source, Integer packageSize,
                  Integer overlap, String labelSla, Integer maxRounds, Thresholds thresholds) {
        this(name, description, taskType, labelSet, labelRules, targetSize, dueDate, intendedUse, source, packageSize,
                overlap, labelSla, maxRounds, thresholds, null, null, null, null, null);
    }

    /** The same demand for the next version of the dataset: another source, no due date, the same process. */
    public Demand forNextVersion(String newSource) {
        return new Demand(name, description, taskType, labelSet, labelRules, targetSize, null, intendedUse, newSource,
                packageSize, overlap, labelSla, maxRounds, thresholds, license, splits, processKey, processVersion,
                priority);
    }

    /** This demand to run on another process (key, and version or null for the latest). */
    public Demand onProcess(String key, Integer version) {
        return new Demand(name, description, taskType, labelSet, labelRules, targetSize, dueDate, intendedUse, source,
                packageSize, overlap, labelSla, maxRounds, thresholds, license, splits, key, version, priority);
    }

    /**
     * What is wrong with the values bean validation cannot judge alone, as {@code field: message} lines (empty when
     * nothing): every threshold against its one definition ({@link Threshold}).
     */
    public List<String> problems() {
        List<String> problems = new java.util.ArrayList<>();
        if (thresholds != null) {
            thresholds.asVariables().forEach((name, value) -> {
                if (value != null) {
                    String problem = Threshold.byName(name).orElseThrow().problem(value);
                    if (problem != null) {
                        problems.add("thresholds." + name + ": " + problem);
                    }
                }
            });
        }
        return problems;
    }

    /**
     * How the release splits the items: percentages of train, validation and test (summing to 100; default
     * 80/10/10) and the seed of the stratified assignment (default: the version id).
     */
    public record Splits(@Min(0) @Max(100) Integer train, @Min(0) @Max(100) Integer validation,
                         @Min(0) @Max(100) Integer test, Long seed) {

        public static final Splits DEFAULTS = new Splits(80, 10, 10, null);

        @com.fasterxml.jackson.annotation.JsonIgnore
        @jakarta.validation.constraints.AssertTrue(message = "train + validation + test must be 100")
        public boolean isHundredPercent() {
            return or(train, 80) + or(validation, 10) + or(test, 10) == 100;
        }

        Splits orDefaults() {
            return new Splits(or(train, 80), or(validation, 10), or(test, 10), seed);
        }
    }

    /**
     * Quality thresholds of the gate, approved with the demand. Missing values take the defaults
     * ({@link Threshold#defaults()}); every one becomes a process variable of the same name. Their ranges are those of
     * {@link Threshold} (checked by {@link Demand#problems()}, the same check as at approval).
     */
    public record Thresholds(
            Double minCompleteness,
            Double minAgreement,
            Double minKappa,
            Double maxDuplicateRate,
            Double maxSensitiveRatio,
            Double minClassCount,
            Double minAlpha,
            Double minIou,
            Double minSpanF1,
            Double minGoldAccuracy,
            Double maxNearDuplicateRate,
            Double minValidity) {

        public static final Thresholds DEFAULTS = new Thresholds(null, null, null, null, null, null, null, null, null,
                null, null, null).orDefaults();

        /** The five thresholds of the first demand form; the others default. */
        public Thresholds(Double minCompleteness, Double minAgreement, Double minKappa, Double maxDuplicateRate,
                          Double maxSensitiveRatio) {
            this(minCompleteness, minAgreement, minKappa, maxDuplicateRate, maxSensitiveRatio, null, null, null, null,
                    null, null, null);
        }

        /** The thresholds of {@code v} (process variable name → value; a missing one is null). */
        public static Thresholds of(Map<String, Double> v) {
            return new Thresholds(v.get(Vars.MIN_COMPLETENESS), v.get(Vars.MIN_AGREEMENT), v.get(Vars.MIN_KAPPA),
                    v.get(Vars.MAX_DUPLICATE_RATE), v.get(Vars.MAX_SENSITIVE_RATIO), v.get(Vars.MIN_CLASS_COUNT),
                    v.get(Vars.MIN_ALPHA), v.get(Vars.MIN_IOU), v.get(Vars.MIN_SPAN_F1), v.get(Vars.MIN_GOLD_ACCURACY),
                    v.get(Vars.MAX_NEAR_DUPLICATE_RATE), v.get(Vars.MIN_VALIDITY));
        }

        Thresholds orDefaults() {
            Map<String, Double> v = asVariables();
            v.replaceAll((name, value) -> value != null ? value : Threshold.defaults().get(name));
            return of(v);
        }

        /** Every threshold by process variable name ({@code null} where not given). */
        public Map<String, Double> asVariables() {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put(Vars.MIN_COMPLETENESS, minCompleteness);
            v.put(Vars.MIN_AGREEMENT, minAgreement);
            v.put(Vars.MIN_KAPPA, minKappa);
            v.put(Vars.MAX_DUPLICATE_RATE, maxDuplicateRate);
            v.put(Vars.MAX_SENSITIVE_RATIO, maxSensitiveRatio);
            v.put(Vars.MIN_CLASS_COUNT, minClassCount);
            v.put(Vars.MIN_ALPHA, minAlpha);
            v.put(Vars.MIN_IOU, minIou);
            v.put(Vars.MIN_SPAN_F1, minSpanF1);
            v.put(Vars.MIN_GOLD_ACCURACY, minGoldAccuracy);
            v.put(Vars.MAX_NEAR_DUPLICATE_RATE, maxNearDuplicateRate);
            v.put(Vars.MIN_VALIDITY, minValidity);
            return v;
        }
    }

    /** This demand with every optional value filled in. */
    public Demand withDefaults() {
        return new Demand(name, description, taskType, labelSet, labelRules == null ? "" : labelRules, targetSize,
                dueDate, intendedUse == null ? "" : intendedUse, source,
                or(packageSize, 50), or(overlap, 2), labelSla == null ? "P3D" : labelSla, or(maxRounds, 3),
                (thresholds == null ? Thresholds.DEFAULTS : thresholds.orDefaults()),
                license == null || license.isBlank() ? "internal use" : license,
                splits == null ? Splits.DEFAULTS : splits.orDefaults(),
                processKey == null || processKey.isBlank() ? Processes.DATASET_CONSTRUCTION : processKey,
                processVersion, or(priority, 50));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
