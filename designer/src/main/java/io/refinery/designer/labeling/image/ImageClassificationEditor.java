package io.refinery.designer.labeling.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AbstractCompositeField;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.server.AbstractStreamResource;
import java.util.ArrayList;
import java.util.List;

/**
 * One image, one class: buttons for the label set (keys 1–9 while the editor has focus), single choice. The value is
 * the chosen class ({@code null} = none yet); {@link #toJson}/{@link #fromJson} give the engine's annotation value
 * {@code {"label":".."}}.
 */
public class ImageClassificationEditor extends AbstractCompositeField<Div, ImageClassificationEditor, String>
        implements LocaleChangeObserver, HasSize {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Image image = new Image();
    private final HorizontalLayout buttons = new HorizontalLayout();
    private final Span hint = new Span();
    private final List<Button> labelButtons = new ArrayList<>();
    private List<String> labels = List.of();

    public ImageClassificationEditor() {
        super(null);
        Div root = getContent();
        root.addClassName("refinery-image-classification");
        root.getElement().setAttribute("tabindex", "0");
        root.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)")
                .set("outline", "none");
        image.getStyle().set("max-width", "100%").set("max-height", "60vh").set("object-fit", "contain")
                .set("align-self", "flex-start");
        buttons.getStyle().set("flex-wrap", "wrap");
        buttons.addClassName("class-picker");
        hint.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        root.add(image, buttons, hint);
        Key[] digits = {Key.DIGIT_1, Key.DIGIT_2, Key.DIGIT_3, Key.DIGIT_4, Key.DIGIT_5, Key.DIGIT_6, Key.DIGIT_7,
                Key.DIGIT_8, Key.DIGIT_9};
        for (int i = 0; i < digits.length; i++) {
            int index = i;
            Shortcuts.addShortcutListener(root, () -> pick(index), digits[i]).listenOn(root);
        }
    }

    public void setImage(String url) {
        image.setSrc(url);
    }

    @SuppressWarnings("removal")
    public void setImage(AbstractStreamResource resource) {
        image.setSrc(resource);
    }

    public void setLabels(List<String> labels) {
        this.labels = List.copyOf(labels);
        buttons.removeAll();
        labelButtons.clear();
        for (int i = 0; i < this.labels.size(); i++) {
            String label = this.labels.get(i);
            Button button = new Button((i < 9 ? (i + 1) + " " : "") + label, e -> setModelValue(label, true));
            button.getElement().setAttribute("data-label", label);
            button.addClassName("class-button");
            labelButtons.add(button);
            buttons.add(button);
        }
        setPresentationValue(getValue());
    }

    public List<String> getLabels() {
        return labels;
    }

    /** Picks the class with this 0-based index, as key 1–9 does. */
    public void pick(int index) {
        if (index < labels.size() && !isReadOnly()) {
            setModelValue(labels.get(index), true);
            setPresentationValue(getValue());
        }
    }

    @Override
    protected void setModelValue(String newModelValue, boolean fromClient) {
        super.setModelValue(newModelValue, fromClient);
        setPresentationValue(newModelValue);
    }

    @Override
    protected void setPresentationValue(String label) {
        for (Button b : labelButtons) {
            if (b.getElement().getAttribute("data-label").equals(label)) {
                b.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            } else {
                b.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
            }
        }
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        super.setReadOnly(readOnly);
        labelButtons.forEach(b -> b.setEnabled(!readOnly));
    }

    /** {@code {"label":".."}}, or {@code {}} without a class. */
    public static String toJson(String label) {
        var node = JSON.createObjectNode();
        if (label != null) {
            node.put("label", label);
        }
        return node.toString();
    }

    /** The class in an annotation value {@code {"label":".."}}; {@code null} for none, blank or {@code {}}. */
    public static String fromJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("expected {\"label\":\"..\"}");
            }
            JsonNode label = root.get("label");
            if (label != null && !label.isNull() && !label.isTextual()) {
                throw new IllegalArgumentException("'label' must be a string");
            }
            return label == null || label.isNull() ? null : label.asText();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        image.setAlt(getTranslation("image.alt"));
        hint.setText(getTranslation("image.classification-hint"));
    }
}
