package io.refinery.designer.demand;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableRunnable;
import java.util.ArrayList;
import java.util.List;

/**
 * The label set as chips in their order: type a label and press Enter (or "Add"); each chip moves left or right or
 * is removed. Errors on the label set show on the input.
 */
class LabelSetEditor extends VerticalLayout {
    private final List<String> labels = new ArrayList<>();
    private final TextField input = new TextField();
    private final FlexLayout chips = new FlexLayout();
    private final SerializableRunnable changed;

    LabelSetEditor(String label, String addText, SerializableRunnable changed) {
        this.changed = changed;
        setPadding(false);
        setSpacing(false);
        input.setLabel(label);
        input.setId("demand-labelSet");
        input.addKeyDownListener(Key.ENTER, e -> addFromInput());
        Button add = new Button(addText, VaadinIcon.PLUS.create(), e -> addFromInput());
        add.setId("demand-labelSet-add");
        HorizontalLayout row = new HorizontalLayout(input, add);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        chips.setId("demand-labelSet-chips");
        chips.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        chips.getStyle().set("gap", "var(--lumo-space-s)");
        add(row, chips);
    }

    TextField input() {
        return input;
    }

    List<String> labels() {
        return List.copyOf(labels);
    }

    void setLabels(List<String> values) {
        labels.clear();
        values.forEach(v -> {
            if (!labels.contains(v)) {
                labels.add(v);
            }
        });
        draw();
    }

    private void addFromInput() {
        // several at once: "billing, refund"
        for (String part : input.getValue().split("[,，\\s]+")) {
            if (!part.isBlank() && !labels.contains(part.strip())) {
                labels.add(part.strip());
            }
        }
        input.clear();
        input.setInvalid(false);
        draw();
    }

    private void draw() {
        chips.removeAll();
        for (int i = 0; i < labels.size(); i++) {
            chips.add(chip(i));
        }
        changed.run();
    }

    private Span chip(int index) {
        String label = labels.get(index);
        Span chip = new Span(new Span(label), button(VaadinIcon.ANGLE_LEFT, "left", index, -1),
                button(VaadinIcon.ANGLE_RIGHT, "right", index, 1), remove(index));
        chip.getElement().getThemeList().add("badge pill");
        chip.getElement().setAttribute("data-label", label);
        chip.addClassName("label-chip");
        return chip;
    }

    private Button button(VaadinIcon icon, String id, int index, int by) {
        Button move = new Button(icon.create(), e -> {
            int to = index + by;
            if (to >= 0 && to < labels.size()) {
                labels.add(to, labels.remove(index));
                draw();
            }
        });
        move.setId("label-" + id + "-" + labels.get(index));
        move.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        move.setEnabled(index + by >= 0 && index + by < labels.size());
        return move;
    }

    private Button remove(int index) {
        Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
            labels.remove(index);
            draw();
        });
        remove.setId("label-remove-" + labels.get(index));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        return remove;
    }
}
