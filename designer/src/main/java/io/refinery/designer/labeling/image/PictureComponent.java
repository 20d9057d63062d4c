package io.refinery.designer.labeling.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import io.refinery.designer.labeling.LabelingComponent;
import io.refinery.engine.labeling.PackageWork.PackageItemView;
import java.util.function.Consumer;

/**
 * What the image task types share inside a work package: an editor field on the item's picture, read-only with the
 * item, and the user's changes reported once they make a complete answer.
 */
abstract class PictureComponent<E extends Component & HasValue<?, ?>> implements LabelingComponent {
    protected final E editor;
    private final ItemImages images;
    private Consumer<JsonNode> listener = v -> { };

    PictureComponent(E editor, ItemImages images) {
        this.editor = editor;
        this.images = images;
        editor.addValueChangeListener(e -> {
            JsonNode value = value();
            if (e.isFromClient() && value != null) {
                listener.accept(value);
            }
        });
    }

    /** Shows the item's answer in the editor (without reporting it as a change). */
    abstract void showAnswer(JsonNode value);

    /** Sets the picture on the editor. */
    abstract void showPicture(ItemImages images, long itemId);

    @Override
    public final Component asComponent() {
        return editor;
    }

    @Override
    public final void show(PackageItemView item) {
        showPicture(images, item.itemId());
        showAnswer(item.value());
    }

    @Override
    public final void setReadOnly(boolean readOnly) {
        editor.setReadOnly(readOnly);
    }

    @Override
    public final void onChange(Consumer<JsonNode> listener) {
        this.listener = listener;
    }
}
