package io.refinery.designer.labeling.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workflows.answers.AnnotationValues;
import java.util.List;

/** Image classification inside a work package: {@link ImageClassificationEditor} on the item's picture. */
class ImageClassificationComponent extends PictureComponent<ImageClassificationEditor> {

    ImageClassificationComponent(List<String> labels, ItemImages images) {
        super(new ImageClassificationEditor(), images);
        editor.setId("image-classification");
        editor.setLabels(labels);
    }

    @Override
    void showPicture(ItemImages images, long itemId) {
        images.of(itemId).ifPresent(editor::setImage);
    }

    @Override
    void showAnswer(JsonNode value) {
        editor.setValue(value == null ? null : value.path("label").asText(null));
    }

    @Override
    public JsonNode value() {
        return editor.getValue() == null ? null : AnnotationValues.ofLabel(editor.getValue());
    }

    @Override
    public boolean pickClass(int index) {
        String before = editor.getValue();
        editor.pick(index);
        return editor.getValue() != null && !editor.getValue().equals(before);
    }

    @Override
    public boolean acceptPrelabel(String prelabel) {
        int index = editor.getLabels().indexOf(prelabel);
        return index >= 0 && pickClass(index);
    }
}
