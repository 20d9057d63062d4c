package io.refinery.designer.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import io.refinery.engine.labeling.PackageWork.PackageItemView;
import java.util.function.Consumer;

/**
 * Instruction data: instruction, input and output, pre-filled from the saved answer, else from the item when its
 * text is a JSON object with those fields, else with the item text as input. Saved when a field loses focus.
 */
class InstructionComponent extends Composite<FormLayout> implements LabelingComponent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TextArea instruction = new TextArea();
    private final TextArea input = new TextArea();
    private final TextArea output = new TextArea();
    private Consumer<JsonNode> listener = v -> { };
    private boolean showing;

    InstructionComponent() {
        instruction.setId("instruction");
        input.setId("input");
        output.setId("output");
        for (TextArea area : new TextArea[] {instruction, input, output}) {
            area.setWidthFull();
            area.setMinHeight("6em");
            area.addValueChangeListener(e -> {
                if (!showing && e.isFromClient() && value() != null) {
                    listener.accept(value());
                }
            });
        }
        getContent().setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        getContent().add(instruction, input, output);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        instruction.setLabel(getTranslation("label.instruction"));
        input.setLabel(getTranslation("label.input"));
        output.setLabel(getTranslation("label.output"));
    }

    @Override
    public Component asComponent() {
        return this;
    }

    @Override
    public void show(PackageItemView item) {
        JsonNode v = item.value() != null ? item.value() : fromItem(item.text());
        showing = true;
        instruction.setValue(v.path("instruction").asText(""));
        input.setValue(v.path("input").asText(""));
        output.setValue(v.path("output").asText(""));
        showing = false;
    }

    private static JsonNode fromItem(String text) {
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed != null && parsed.isObject() && (parsed.has("instruction") || parsed.has("output"))) {
                return parsed;
            }
        } catch (Exception notJson) {
            // plain text: it is the input
        }
        return JSON.createObjectNode().put("input", text == null ? "" : text);
    }

    @Override
    public JsonNode value() {
        if (instruction.getValue().isBlank() || output.getValue().isBlank()) {
            return null;
        }
        return JSON.createObjectNode().put("instruction", instruction.getValue()).put("input", input.getValue())
                .put("output", output.getValue());
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        instruction.setReadOnly(readOnly);
        input.setReadOnly(readOnly);
        output.setReadOnly(readOnly);
    }

    @Override
    public void onChange(Consumer<JsonNode> listener) {
        this.listener = listener;
    }

    /** The fields show the item (its JSON fields, or its text as input): no raw text above them. */
    @Override
    public boolean showsItemText() {
        return true;
    }

    @Override
    public boolean capturesTyping() {
        return true;
    }

    void fill(String instructionText, String inputText, String outputText) {
        instruction.setValue(instructionText);
        input.setValue(inputText);
        output.setValue(outputText);
    }
}
