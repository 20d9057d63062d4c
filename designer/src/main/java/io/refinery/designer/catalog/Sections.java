package io.refinery.designer.catalog;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Tabs made of buttons: one section's content visible at a time. (The production frontend bundle loads the tab sheet
 * web component only with the routes that used it when the bundle was built; buttons are loaded everywhere.)
 */
class Sections extends VerticalLayout {
    private final HorizontalLayout bar = new HorizontalLayout();
    private final Div content = new Div();
    private final List<Button> buttons = new ArrayList<>();
    private final List<Component> contents = new ArrayList<>();

    Sections(String id) {
        setId(id);
        setPadding(false);
        bar.setSpacing(false);
        bar.getStyle().set("border-bottom", "1px solid var(--lumo-contrast-10pct)").set("width", "100%");
        content.setWidthFull();
        add(bar, content);
        setFlexGrow(1, content);
    }

    /** Adds a section; the first one added is shown. {@code id} names its button. */
    void add(String id, String label, Component section) {
        Button button = new Button(label, e -> show(contents.indexOf(section)));
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        buttons.add(button);
        contents.add(section);
        bar.add(button);
        content.add(section);
        show(contents.size() == 1 ? 0 : selected());
    }

    int selected() {
        for (int i = 0; i < contents.size(); i++) {
            if (contents.get(i).isVisible()) {
                return i;
            }
        }
        return 0;
    }

    void show(int index) {
        for (int i = 0; i < contents.size(); i++) {
            boolean on = i == index;
            contents.get(i).setVisible(on);
            buttons.get(i).getStyle().set("border-bottom", on ? "2px solid var(--lumo-primary-color)" : "2px solid transparent")
                    .set("border-radius", "0").set("font-weight", on ? "600" : "400");
        }
    }
}
