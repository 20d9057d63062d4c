package io.refinery.designer.labeling.image;

import com.vaadin.flow.component.AbstractCompositeField;
import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.server.AbstractStreamResource;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;

/**
 * Draw, move, resize and delete rectangles on an image and give each a class. Boxes are in IMAGE PIXELS at any zoom.
 *
 * <p>User: drag on the image draws a box (of the current class); click a box to select it, drag it or its handles to
 * move or resize; keys 1–9 or the class buttons set the class of the selected box (and of the next ones), Delete
 * removes it; mouse wheel, +/− and "fit" zoom.
 *
 * <p>Java: a {@code HasValue<List<Box>>} ({@link #setBoxes}/{@link #getBoxes} are {@code setValue}/{@code getValue}),
 * and {@link #addChangeListener} fires on every change the user makes ({@code isFromClient()}), and on
 * {@link #setBoxes} with a different list ({@code !isFromClient()}). {@link Box#toJson}/{@link Box#fromJson} give the
 * engine's annotation value.
 */
public class BoundingBoxEditor extends AbstractCompositeField<Div, BoundingBoxEditor, List<Box>>
        implements LocaleChangeObserver, HasSize {
    private final BoxCanvas canvas = new BoxCanvas();
    private final Button zoomOut = iconButton(VaadinIcon.MINUS, "zoom-out");
    private final Button zoomIn = iconButton(VaadinIcon.PLUS, "zoom-in");
    private final Button fit = iconButton(VaadinIcon.EXPAND_SQUARE, "zoom-fit");
    private final Button actualSize = new Button("1:1");
    private final Span zoomText = new Span("100 %");
    private final Span classesCaption = new Span();
    private final HorizontalLayout classButtons = new HorizontalLayout();
    private final Span hint = new Span();
    private List<String> labels = List.of();

    public BoundingBoxEditor() {
        super(List.of());
        Div root = getContent();
        root.addClassName("refinery-box-editor");
        root.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)")
                .set("min-height", "300px");
        root.setHeight("520px");
        actualSize.addClassName("zoom-actual");
        actualSize.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        zoomIn.addClickListener(e -> canvas.zoomIn());
        zoomOut.addClickListener(e -> canvas.zoomOut());
        fit.addClickListener(e -> canvas.fit());
        actualSize.addClickListener(e -> canvas.setZoom(1));
        zoomText.addClassName("zoom-text");
        classButtons.setSpacing(false);
        classButtons.getStyle().set("gap", "var(--lumo-space-xs)").set("flex-wrap", "wrap");
        classButtons.addClassName("class-picker");
        HorizontalLayout toolbar = new HorizontalLayout(zoomOut, zoomText, zoomIn, fit, actualSize, classesCaption,
                classButtons);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        toolbar.getStyle().set("flex-wrap", "wrap");
        toolbar.setWidthFull();
        canvas.getStyle().set("flex", "1 1 auto");
        hint.addClassName("hint");
        hint.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        root.add(toolbar, canvas, hint);
        canvas.onBoxesChanged(json -> setModelValue(Box.fromJson(json), true));
        canvas.onStateChanged(this::showState);
    }

    private static Button iconButton(VaadinIcon icon, String className) {
        Button button = new Button(icon.create());
        button.addClassName(className);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ICON);
        return button;
    }

    /** Shows the image at {@code url}; boxes stay (call {@link #setBoxes} for the new image's boxes). */
    public void setImage(String url) {
        canvas.setSrc(url);
    }

    /** Shows an image served by the application, e.g. a {@code StreamResource} over the blob store. */
    public void setImage(AbstractStreamResource resource) {
        canvas.setSrc(resource);
    }

    /** The label set; the first 9 get keys 1–9. The first label becomes the current class if there is none. */
    public void setLabels(List<String> labels) {
        this.labels = List.copyOf(labels);
        canvas.setLabels(this.labels);
        classButtons.removeAll();
        for (int i = 0; i < this.labels.size(); i++) {
            String label = this.labels.get(i);
            Button button = new Button((i < 9 ? (i + 1) + " " : "") + label, e -> setCurrentLabel(label));
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
            button.getElement().setAttribute("data-label", label);
            button.addClassName("class-button");
            classButtons.add(button);
        }
        String current = canvas.getCurrentLabel();
        setCurrentLabel(current != null && this.labels.contains(current) ? current
                : this.labels.isEmpty() ? null : this.labels.get(0));
    }

    public List<String> getLabels() {
        return labels;
    }

    /** The class new boxes get; also applied to the selected box. */
    public void setCurrentLabel(String label) {
        canvas.setCurrentLabel(label);
        highlightCurrent();
    }

    public String getCurrentLabel() {
        return canvas.getCurrentLabel();
    }

    /** Replaces all boxes (image pixels). */
    public void setBoxes(List<Box> boxes) {
        setValue(List.copyOf(boxes));
    }

    /** The boxes as the user left them, in drawing order, in image pixels. */
    public List<Box> getBoxes() {
        return getValue();
    }

    /** Fired on every change; {@code event.getValue()} is the new box list. */
    public Registration addChangeListener(
            ComponentEventListener<AbstractField.ComponentValueChangeEvent<BoundingBoxEditor, List<Box>>> listener) {
        return addValueChangeListener(listener::onComponentEvent);
    }

    public void zoomIn() {
        canvas.zoomIn();
    }

    public void zoomOut() {
        canvas.zoomOut();
    }

    /** Zooms so that the whole image fits. */
    public void fit() {
        canvas.fit();
    }

    /** 1 = one image pixel per screen pixel. */
    public void setZoom(double zoom) {
        canvas.setZoom(zoom);
    }

    /** The zoom the browser last reported. */
    public double getZoom() {
        return canvas.getZoom();
    }

    @Override
    protected void setPresentationValue(List<Box> boxes) {
        List<BoxCanvas.Shown> shown = new ArrayList<>();
        boxes.forEach(b -> shown.add(new BoxCanvas.Shown(b, null, null)));
        canvas.setBoxes(shown);
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        super.setReadOnly(readOnly);
        canvas.setReadOnlyMode(readOnly);
        classButtons.setEnabled(!readOnly);
    }

    private void showState() {
        zoomText.setText(Math.round(canvas.getZoom() * 100) + " %");
        highlightCurrent();
    }

    private void highlightCurrent() {
        String current = canvas.getCurrentLabel();
        classButtons.getChildren().forEach(c -> {
            Button b = (Button) c;
            if (b.getElement().getAttribute("data-label").equals(current)) {
                b.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            } else {
                b.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
            }
        });
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        zoomIn.setTooltipText(getTranslation("image.zoom-in"));
        zoomOut.setTooltipText(getTranslation("image.zoom-out"));
        fit.setTooltipText(getTranslation("image.zoom-fit"));
        actualSize.setTooltipText(getTranslation("image.zoom-actual"));
        classesCaption.setText(getTranslation("image.classes"));
        hint.setText(getTranslation("image.box-hint"));
    }

    /** Visible for tests: the canvas element. */
    BoxCanvas canvas() {
        return canvas;
    }
}
