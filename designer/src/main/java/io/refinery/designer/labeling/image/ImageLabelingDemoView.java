package io.refinery.designer.labeling.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import io.refinery.designer.shell.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The image components on the shipped {@code samples/shapes} images, without the engine: the box editor (its value
 * as JSON below it, so a browser test can read back what Java received), the expert review view comparing the
 * sample's true boxes (A) with the boxes drawn here (B), and the image classification editor. Reached by URL only
 * (no menu entry): it is a showcase and a browser-test page, not a feature.
 */
@Route(value = "labeling-demo/images", layout = MainLayout.class)
@PermitAll
public class ImageLabelingDemoView extends VerticalLayout implements LocaleChangeObserver, HasDynamicTitle {
    static final String SAMPLE = "/samples/shapes/";
    static final List<String> LABELS = List.of("crack", "corrosion", "valve", "person");

    private final H2 title = new H2();
    private final Select<String> scene = new Select<>();
    private final BoundingBoxEditor editor = new BoundingBoxEditor();
    private final Pre boxesJson = new Pre();
    private final H3 reviewTitle = new H3();
    private final BoxesView review = new BoxesView();
    private final Checkbox sideBySide = new Checkbox();
    private final H3 classificationTitle = new H3();
    private final ImageClassificationEditor classification = new ImageClassificationEditor();
    private final Pre classificationJson = new Pre();
    private final Map<String, List<Box>> truth;
    private int changes;

    public ImageLabelingDemoView() {
        truth = readTruth();
        setWidthFull();
        scene.setId("scene");
        scene.setItems(new ArrayList<>(truth.keySet()));
        editor.setId("box-editor");
        editor.setWidthFull();
        editor.setLabels(LABELS);
        boxesJson.setId("boxes-json");
        boxesJson.getStyle().set("white-space", "pre-wrap").set("margin", "0");
        review.setId("review");
        review.setWidthFull();
        review.setLabels(LABELS);
        classification.setId("classification");
        classification.setLabels(LABELS);
        classificationJson.setId("classification-json");
        sideBySide.setId("side-by-side");
        sideBySide.addValueChangeListener(e -> review.setMode(e.getValue() ? BoxesView.Mode.SIDE_BY_SIDE
                : BoxesView.Mode.OVERLAY));
        editor.addChangeListener(e -> {
            changes++;
            showBoxes();
        });
        classification.addValueChangeListener(e -> classificationJson.setText(
                ImageClassificationEditor.toJson(e.getValue())));
        scene.addValueChangeListener(e -> show(e.getValue()));
        add(title, scene, editor, boxesJson, reviewTitle, sideBySide, review, classificationTitle, classification,
                classificationJson);
        scene.setValue(truth.keySet().iterator().next());
    }

    @SuppressWarnings("removal") // StreamResource: the components take any AbstractStreamResource
    private void show(String image) {
        StreamResource resource = new StreamResource(image,
                () -> Objects.requireNonNull(getClass().getResourceAsStream(SAMPLE + image)));
        resource.setContentType("image/png");
        editor.setImage(resource);
        editor.setBoxes(List.of());
        review.setImage(resource);
        classification.setImage(resource);
        classification.clear();
        classificationJson.setText(ImageClassificationEditor.toJson(null));
        showBoxes();
    }

    private void showBoxes() {
        boxesJson.setText(Box.toJson(editor.getBoxes()));
        boxesJson.getElement().setAttribute("data-changes", String.valueOf(changes));
        review.setBoxes(truth.getOrDefault(scene.getValue(), List.of()), editor.getBoxes());
    }

    /** image name → true boxes, from {@code annotations.jsonl}, in file order. */
    static Map<String, List<Box>> readTruth() {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Box>> out = new LinkedHashMap<>();
        try (var in = ImageLabelingDemoView.class.getResourceAsStream(SAMPLE + "annotations.jsonl")) {
            if (in == null) {
                return out;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    out.put(node.get("image").asText(), Box.fromJson(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    BoundingBoxEditor editor() {
        return editor;
    }

    BoxesView review() {
        return review;
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        title.setText(getTranslation("image-demo.title"));
        scene.setLabel(getTranslation("image-demo.scene"));
        reviewTitle.setText(getTranslation("image-demo.review"));
        sideBySide.setLabel(getTranslation("image-demo.side-by-side"));
        classificationTitle.setText(getTranslation("image-demo.classification"));
        review.setAnnotatorNames(getTranslation("image-demo.truth"), getTranslation("image-demo.yours"));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("image-demo.title") + " · " + getTranslation("app.name");
    }
}
