package io.refinery.designer.decision;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.NumberField;
import io.refinery.designer.i18n.Translator;
import io.refinery.workflows.Threshold;
import io.refinery.workflows.Vars;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a manager may change when approving a demand: the target size and every quality threshold of
 * {@link Threshold#ALL} (its range and meaning beside it, an out-of-range value named on its field at once). The
 * approval sends {@code approved} and only the numbers that changed; the engine checks their ranges again.
 */
final class ApprovalAdjustments implements Serializable {
    private final Map<String, Object> facts;
    private final Map<String, NumberField> adjusted = new LinkedHashMap<>();

    /** @param facts the task's facts: the demand's values, each threshold by name */
    ApprovalAdjustments(Map<String, Object> facts) {
        this.facts = facts;
    }

    /** The target size as a whole number to change. */
    NumberField targetSize(Number value) {
        return field(Vars.TARGET_SIZE, value, true);
    }

    /** Every threshold as a number to change, with its label, range and meaning in the user's language. */
    Div thresholds(Locale locale, Translator t) {
        Div grid = new Div();
        grid.setId("decision-thresholds");
        grid.getStyle().set("display", "grid").set("grid-template-columns", "repeat(auto-fill, minmax(280px, 1fr))")
                .set("gap", "4px 16px");
        for (Threshold threshold : Threshold.ALL) {
            Object value = facts.get(threshold.name());
            NumberField field = field(threshold.name(), value instanceof Number n ? n : threshold.fallback(),
                    threshold.whole());
            field.setLabel(threshold.label(locale));
            field.setHelperText(t.t(threshold.atLeast() ? "demand.threshold.at-least" : "demand.threshold.at-most",
                    threshold.range()) + " · " + threshold.meaning(locale));
            field.setWidthFull();
            field.addValueChangeListener(e -> {
                String problem = e.getValue() == null ? null : threshold.problem(e.getValue(), locale);
                field.setErrorMessage(problem);
                field.setInvalid(problem != null);
            });
            grid.add(field);
        }
        return grid;
    }

    /** {@code approved} and every changed number, the target size whole. */
    Map<String, Object> approval() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(Vars.APPROVED, true);
        adjusted.forEach((name, field) -> {
            Double value = field.getValue();
            Object before = facts.get(name);
            if (value != null && !(before instanceof Number n && n.doubleValue() == value)) {
                variables.put(name, Vars.TARGET_SIZE.equals(name) ? (Object) Math.round(value) : value);
            }
        });
        return variables;
    }

    private NumberField field(String name, Number value, boolean whole) {
        NumberField field = new NumberField();
        field.setId("adjust-" + name);
        field.setValue(value.doubleValue());
        if (whole) {
            field.setStep(1); // no step for ratios: the field would refuse a value off the step, such as 0.667
        }
        field.setWidth("140px");
        field.getElement().setAttribute("data-fact", name);
        adjusted.put(name, field);
        return field;
    }
}
