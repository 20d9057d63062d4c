package io.refinery.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The values a demand gives the quality thresholds, keyed by {@link Threshold#name()}: what the demand's
 * {@code thresholds} object holds, what the run carries as process variables and what the QC worker checks against.
 * The set of thresholds, their ranges and defaults are {@link Threshold#ALL}; this class only holds values, so a new
 * threshold is added there and nowhere else.
 *
 * <p>A value left out is "not given" ({@link #given(String)} is null) and takes the threshold's default in
 * {@link #value(String)} and {@link #orDefaults()}. Names that are no threshold are kept so that {@link #problems()}
 * can name them instead of dropping them in silence.
 */
public final class ThresholdValues {

    private static final ThresholdValues DEFAULTS = new ThresholdValues(Threshold.defaults());

    private final Map<String, Double> values;

    private ThresholdValues(Map<String, Double> values) {
        this.values = values;
    }

    /** The values given by name ({@code null} values are "not given"). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ThresholdValues of(Map<String, ? extends Number> given) {
        Map<String, Double> values = new LinkedHashMap<>();
        Threshold.ALL.forEach(t -> put(values, t.name(), given.get(t.name())));
        given.forEach((name, value) -> {
            if (Threshold.byName(name).isEmpty()) {
                put(values, name, value);
            }
        });
        return new ThresholdValues(Collections.unmodifiableMap(values));
    }

    /** The values a lookup gives, e.g. a run's process variables ({@code null}: not given). */
    public static ThresholdValues from(Function<String, ? extends Number> lookup) {
        Map<String, Number> given = new LinkedHashMap<>();
        Threshold.ALL.forEach(t -> given.put(t.name(), lookup.apply(t.name())));
        return of(given);
    }

    /** Every threshold at its default. */
    public static ThresholdValues defaults() {
        return DEFAULTS;
    }

    private static void put(Map<String, Double> values, String name, Number value) {
        if (value != null) {
            values.put(name, value.doubleValue());
        }
    }

    /** The value the demand gave, or {@code null}. */
    public Double given(String name) {
        return values.get(name);
    }

    /** The value given, else the threshold's default; {@code name} must be a {@link Threshold}. */
    public double value(String name) {
        Double given = values.get(name);
        return given != null ? given : Threshold.byName(name)
                .orElseThrow(() -> new IllegalArgumentException("no threshold '" + name + "'")).fallback();
    }

    /** These values with {@code name} set to {@code value}. */
    public ThresholdValues with(String name, double value) {
        Map<String, Double> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return of(copy);
    }

    /** Every threshold, the given value or its default (names that are no threshold are left out). */
    public ThresholdValues orDefaults() {
        return of(asVariables());
    }

    /**
     * Every threshold by process variable name in {@link Threshold#ALL}'s order, the given value or the default: what
     * the run carries so the gate's rules can name them.
     */
    public Map<String, Double> asVariables() {
        Map<String, Double> vars = new LinkedHashMap<>();
        Threshold.ALL.forEach(t -> vars.put(t.name(), value(t.name())));
        return vars;
    }

    /** The values given, by name (what the demand's JSON holds). */
    @JsonValue
    public Map<String, Double> givenValues() {
        return values;
    }

    /**
     * What is wrong, as {@code thresholds.<name>: message} lines (empty when nothing): a value outside its range, a
     * ratio that is no number of items, a name that is no threshold.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        values.forEach((name, value) -> {
            Optional<Threshold> threshold = Threshold.byName(name);
            String problem = threshold.isPresent() ? threshold.get().problem(value) : "no such threshold (known: "
                    + String.join(", ", new TreeSet<>(Threshold.defaults().keySet())) + ")";
            if (problem != null) {
                problems.add("thresholds." + name + ": " + problem);
            }
        });
        return problems;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThresholdValues other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "ThresholdValues" + values;
    }
}
