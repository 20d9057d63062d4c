package io.refinery.designer.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Component;
import io.refinery.engine.labeling.PackageWork.PackageItemView;
import java.util.function.Consumer;

/**
 * The answer widget of one task type inside the work package view. The view owns navigation, saving and keys; a
 * component shows one item's answer, lets the user change it and reports every change (the view autosaves it).
 * Image types plug in the same way: a {@link LabelingComponentFactory} bean for their task types.
 */
public interface LabelingComponent {

    Component asComponent();

    /** Shows an item and its current answer ({@code item.value()}, null when unanswered). */
    void show(PackageItemView item);

    /** The answer as the engine takes it ({@code {"label": ..}}, {@code {"spans": [..]}}, ...), or null if incomplete. */
    JsonNode value();

    void setReadOnly(boolean readOnly);

    /** Called with the new value after each change the user makes (not after {@link #show}). */
    void onChange(Consumer<JsonNode> listener);

    /** Key 1–9: the class with this 0-based index. Returns true when it changed the answer. */
    default boolean pickClass(int index) {
        return false;
    }

    /** Key A: take the pre-label as the answer. Returns true when it changed the answer. */
    default boolean acceptPrelabel(String prelabel) {
        return false;
    }

    /** True when the component renders the item text itself (e.g. to select spans in it). */
    default boolean showsItemText() {
        return false;
    }

    /** True when the user types into the component: then plain keys (digits, Enter, A, arrows) are not shortcuts. */
    default boolean capturesTyping() {
        return false;
    }
}
