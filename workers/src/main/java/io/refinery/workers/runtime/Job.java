package io.refinery.workers.runtime;

import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.client.task.ExternalTask;

/** A fetched external task as the handlers see it: its id and typed access to its variables. */
public record Job(String id, String topic, String processInstanceId, String businessKey, Integer retries,
                  Map<String, Object> variables) {

    static Job of(ExternalTask task) {
        return new Job(task.getId(), task.getTopicName(), task.getProcessInstanceId(), task.getBusinessKey(), task.getRetries(),
                task.getAllVariables());
    }

    public Object get(String name) {
        Object value = variables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("job " + id + " (" + topic + ") has no variable '" + name + "'");
        }
        return value;
    }

    /** Whether the job carries variable {@code name} with a value. */
    public boolean has(String name) {
        return variables.get(name) != null;
    }

    public long getLong(String name) {
        return number(name).longValue();
    }

    public int getInt(String name) {
        return number(name).intValue();
    }

    public double getDouble(String name) {
        return number(name).doubleValue();
    }

    /**
     * A number, or a string that holds one: input parameters a step sets in the designer (element templates) are
     * text, such as {@code "2"} for overlap or {@code "0.95"} for a threshold.
     */
    private Number number(String name) {
        Object value = get(name);
        if (value instanceof Number n) {
            return n;
        }
        try {
            return new java.math.BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("job " + id + " (" + topic + "): variable '" + name
                    + "' must be a number, got '" + value + "'");
        }
    }

    public String getString(String name) {
        return Objects.toString(get(name));
    }

    public String getString(String name, String fallback) {
        Object value = variables.get(name);
        return value == null ? fallback : value.toString();
    }
}
