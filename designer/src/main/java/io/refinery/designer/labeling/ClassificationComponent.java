package io.refinery.designer.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import io.refinery.engine.labeling.PackageWork.PackageItemView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** One button per class (1–9 on the keyboard): single-label picks one, multi-label toggles each. */
class ClassificationComponent extends Composite<FlexLayout> implements LabelingComponent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> labels;
    private final boolean multi;
    private final List<Button> buttons = new ArrayList<>();
    private final Set<String> selected = new LinkedHashSet<>();
    private Consumer<JsonNode> listener = v -> { };
    private boolean readOnly;

    ClassificationComponent(List<String> labels, boolean multi) {
        this.labels = labels;
        this.multi = multi;
        configureButtons();
    }

    private void configureButtons() {
        getContent().setId("classes");
        getContent().setFlexWrap(FlexLayout.FlexWrap.WRAP);
        getContent().getStyle().set("gap", "var(--lumo-space-s)");
        for (int i = 0; i < labels.size(); i++) {
            int index = i;
            Button b = new Button((i < 9 ? (i + 1) + "  " : "") + labels.get(i), e -> pick(index));
            b.setId("class-" + i);
            buttons.add(b);
            getContent().add(b);
        }
    }

    private boolean pick(int index) {
        if (readOnly || index >= labels.size()) {
            return false;
        }
        String label = labels.get(index);
        if (multi) {
            if (!selected.remove(label)) {
                selected.add(label);
            }
        } else {
            if (selected.equals(Set.of(label))) {
                return false;
            }
            selected.clear();
            selected.add(label);
        }
        refresh();
        JsonNode value = value();
        if (value != null) {
            listener.accept(value);
        }
        return true;
    }

    private void refresh() {
        for (int i = 0; i < labels.size(); i++) {
            Button b = buttons.get(i);
            boolean on = selected.contains(labels.get(i));
            b.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
            if (on) {
                b.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            }
            b.getElement().setAttribute("aria-pressed", String.valueOf(on));
        }
    }

    @Override
    public Component asComponent() {
        return this;
    }

    @Override
    public void show(PackageItemView item) {
        selected.clear();
        JsonNode v = item.value();
        if (v != null) {
            if (v.has("label")) {
                selected.add(v.get("label").asText());
            }
            v.path("labels").forEach(l -> selected.add(l.asText()));
        }
        refresh();
    }

    @Override
    public JsonNode value() {
        if (selected.isEmpty()) {
            return null;
        }
        ObjectNode v = JSON.createObjectNode();
        if (multi) {
            var arr = v.putArray("labels");
            labels.stream().filter(selected::contains).forEach(arr::add);
        } else {
            v.put("label", selected.iterator().next());
        }
        return v;
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        buttons.forEach(b -> b.setEnabled(!readOnly));
    }

    @Override
    public void onChange(Consumer<JsonNode> listener) {
        this.listener = listener;
    }

    @Override
    public boolean pickClass(int index) {
        return pick(index);
    }

    @Override
    public boolean acceptPrelabel(String prelabel) {
        int index = labels.indexOf(prelabel);
        if (index < 0 || selected.contains(prelabel)) {
            return false;
        }
        return pick(index);
    }
}
