package io.refinery.designer.labeling.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workflows.answers.AnnotationValues;
import java.util.List;

/**
 * Bounding boxes inside a work package: {@link BoundingBoxEditor} on the item's picture. An answer is complete when
 * every box has a class; no box at all is an answer too ("nothing to mark"), given with Enter.
 */
class BoundingBoxComponent extends PictureComponent<BoundingBoxEditor> {

    BoundingBoxComponent(List<String> labels, ItemImages images) {
        super(new BoundingBoxEditor(), images);
        editor.setId("bbox-editor");
        editor.setWidthFull();
        editor.setLabels(labels);
    }

    @Override
    void showPicture(ItemImages images, long itemId) {
        images.of(itemId).ifPresent(editor::setImage);
    }

    @Override
    void showAnswer(JsonNode value) {
        editor.setBoxes(value == null ? List.of() : Box.fromJson(value.toString()));
    }

    @Override
    public JsonNode value() {
        List<Box> boxes = editor.getBoxes();
        if (boxes.stream().anyMatch(b -> b.label() == null || b.label().isEmpty())) {
            return null;
        }
        return AnnotationValues.parse(Box.toJson(boxes));
    }

    /** Keys 1–9 choose the class of new boxes and of the selected one; the canvas reports the changed boxes. */
    @Override
    public boolean pickClass(int index) {
        if (index < editor.getLabels().size()) {
            editor.setCurrentLabel(editor.getLabels().get(index));
        }
        return false;
    }
}
