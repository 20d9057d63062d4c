package io.refinery.engine.dataset;

import io.refinery.workflows.Processes;
import io.refinery.workflows.Threshold;
import io.refinery.workflows.ThresholdValues;
import io.refinery.workflows.answers.AnnotationValues;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A dataset demand (需求): what the business needs, and the quality it must reach. Approved values drive the run.
 *
 * @param source         {@code upload} (files uploaded to the version), {@code folder:<path>} (a server folder under
 *                       an admin's root) or {@code url:<url> [<url> ...]} (http/https URLs from allowed hosts,
 *                       separated by whitespace); see {@link SourcePolicy}
 * @param processKey     the deployed process that builds it (default {@link Processes#DATASET_CONSTRUCTION}); it
 *                       must pass the dataset-process contract check
 * @param processVersion the version of that process; null = the latest when the demand is filed
 * @param thresholds     the quality the gate asks for, by threshold name ({@link ThresholdValues}; ranges and
 *                       defaults are {@link Threshold#ALL}); each becomes a process variable of the same name
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
        ThresholdValues thresholds,
        @Size(max = 200) String license,
        @Valid Splits splits,
        @Size(max = 255) @Pattern(regexp = "[A-Za-z_][\\w.-]*", message = "must be a process key: letters, digits, '_', '-', '.'") String processKey,
        @Min(1) Integer processVersion,
        @Min(0) @Max(100) Integer priority) {

    /** A demand without licence and split settings (the release uses its defaults). */
    public Demand(String name, String description, String taskType, List<String> labelSet, String labelRules,
                  long targetSize, LocalDate dueDate, String intendedUse, String source, Integer packageSize,
                  Integer overlap, String labelSla, Integer maxRounds, ThresholdValues thresholds) {
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
        return thresholds == null ? List.of() : thresholds.problems();
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

    /** This demand with every optional value filled in. */
    public Demand withDefaults() {
        return new Demand(name, description, taskType, labelSet, labelRules == null ? "" : labelRules, targetSize,
                dueDate, intendedUse == null ? "" : intendedUse, source,
                or(packageSize, 50), or(overlap, 2), labelSla == null ? "P3D" : labelSla, or(maxRounds, 3),
                (thresholds == null ? ThresholdValues.defaults() : thresholds.orDefaults()),
                license == null || license.isBlank() ? "internal use" : license,
                splits == null ? Splits.DEFAULTS : splits.orDefaults(),
                processKey == null || processKey.isBlank() ? Processes.DATASET_CONSTRUCTION : processKey,
                processVersion, or(priority, 50));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
