package io.refinery.designer.shell;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;

/** The small tertiary button of a grid row's actions (edit, pause, delete, …), with an id for tests. */
public final class RowButton {

    public static Button of(String text, String id, Runnable action) {
        Button button = new Button(text, e -> action.run());
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    private RowButton() {
    }
}
