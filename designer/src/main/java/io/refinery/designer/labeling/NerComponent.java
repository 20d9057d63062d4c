package io.refinery.designer.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.refinery.engine.labeling.PackageWork.PackageItemView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Named entities: the item text (as text, never HTML) with its spans highlighted; select text with the mouse, then
 * pick a label (click or 1–9); each span can be removed. A small {@code window.getSelection()} helper keeps the last
 * selection made inside the text container, in UTF-16 code units; selections outside it are ignored.
 */
class NerComponent extends Composite<VerticalLayout> implements LabelingComponent {
    record Entity(int start, int end, String label) {
    }

    /** Tracks the selection inside {@code $0} into its {@code data-sel} attribute ("start,end" or absent). */
    static final String SELECTION_HELPER = """
            const root = $0;
            if (root.__refinerySel) return;
            root.__refinerySel = () => {
              const sel = window.getSelection();
              if (!sel || sel.rangeCount === 0) return;
              const r = sel.getRangeAt(0);
              const inside = root.contains(r.startContainer) && root.contains(r.endContainer);
              if (sel.isCollapsed) { if (inside) delete root.dataset.sel; return; }
              if (!inside) { delete root.dataset.sel; return; }
              const pre = document.createRange();
              pre.selectNodeContents(root);
              pre.setEnd(r.startContainer, r.startOffset);
              const start = pre.toString().length;
              root.dataset.sel = start + ',' + (start + r.toString().length);
            };
            document.addEventListener('selectionchange', root.__refinerySel);""";

    private static final String[] COLOURS = {"#ffe08a", "#b5e3ff", "#c9f2c2", "#f7c6e0", "#e0d1ff", "#ffd0b0"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> labels;
    private final Div text = new Div();
    private final FlexLayout labelButtons = new FlexLayout();
    private final VerticalLayout spanList = new VerticalLayout();
    private final Span hint = new Span();
    private final List<Entity> entities = new ArrayList<>();
    private String itemText = "";
    private boolean shown;
    private boolean readOnly;
    private Consumer<JsonNode> listener = v -> { };

    NerComponent(List<String> labels) {
        this.labels = labels;
        configureText();
        configureLabels();
        spanList.setId("ner-spans");
        spanList.setPadding(false);
        spanList.setSpacing(false);
        getContent().setPadding(false);
        getContent().add(text, hint, labelButtons, spanList);
    }

    private void configureText() {
        text.setId("ner-text");
        text.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("line-height", "2").set("white-space", "pre-wrap")
                .set("padding", "var(--lumo-space-m)").set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("user-select", "text").set("width", "100%")
                .set("box-sizing", "border-box");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
    }

    private void configureLabels() {
        labelButtons.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        labelButtons.getStyle().set("gap", "var(--lumo-space-s)");
        for (int i = 0; i < labels.size(); i++) {
            int index = i;
            Button b = new Button((i < 9 ? (i + 1) + "  " : "") + labels.get(i), e -> pickClass(index));
            b.setId("ner-label-" + i);
            b.getStyle().set("background", COLOURS[i % COLOURS.length]).set("color", "black");
            labelButtons.add(b);
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        hint.setText(getTranslation("label.ner.hint"));
        text.getElement().executeJs(SELECTION_HELPER, text.getElement());
    }

    @Override
    public Component asComponent() {
        return this;
    }

    @Override
    public boolean showsItemText() {
        return true;
    }

    @Override
    public void show(PackageItemView item) {
        itemText = item.text() == null ? "" : item.text();
        entities.clear();
        shown = item.value() != null;
        if (item.value() != null) {
            item.value().path("spans").forEach(s -> entities.add(new Entity(s.path("start").asInt(), s.path("end").asInt(),
                    s.path("label").asText())));
        }
        text.getElement().removeAttribute("data-sel");
        render();
    }

    /** Labels the current selection inside the text (read from the browser) with the label of this index. */
    @Override
    public boolean pickClass(int index) {
        if (readOnly || index >= labels.size()) {
            return false;
        }
        text.getElement().executeJs("const s = $0.dataset.sel || ''; delete $0.dataset.sel;"
                        + " if (s) window.getSelection().removeAllRanges(); return s;", text.getElement())
                .then(String.class, sel -> {
                    if (sel == null || sel.isBlank()) {
                        Notification.show(getTranslation("label.ner.outside"), 2500, Notification.Position.BOTTOM_CENTER);
                        return;
                    }
                    String[] parts = sel.split(",");
                    addSpan(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), labels.get(index));
                });
        return false; // the span arrives with the browser's answer
    }

    /** Adds a span (UTF-16 offsets into the item text) and reports the change. */
    void addSpan(int start, int end, String label) {
        if (readOnly || start < 0 || end > itemText.length() || start >= end) {
            return;
        }
        Entity e = new Entity(start, end, label);
        if (!entities.contains(e)) {
            entities.add(e);
        }
        changed();
    }

    void removeSpan(Entity e) {
        if (!readOnly && entities.remove(e)) {
            changed();
        }
    }

    private void changed() {
        shown = true;
        render();
        listener.accept(value());
    }

    private void render() {
        entities.sort(Comparator.comparingInt(Entity::start).thenComparingInt(Entity::end));
        text.removeAll();
        int at = 0;
        for (Entity e : entities) {
            if (e.start() < at) {
                continue; // overlapping spans are listed below, highlighted once
            }
            if (e.start() > at) {
                text.add(new Span(itemText.substring(at, e.start())));
            }
            Span mark = new Span(itemText.substring(e.start(), e.end()));
            mark.getElement().setAttribute("title", e.label());
            mark.addClassName("entity");
            mark.getStyle().set("background", colour(e.label())).set("border-radius", "3px").set("padding", "0 1px");
            text.add(mark);
            at = e.end();
        }
        if (at < itemText.length()) {
            text.add(new Span(itemText.substring(at)));
        }
        spanList.removeAll();
        for (Entity e : entities) {
            Span label = new Span(e.label() + ": " + itemText.substring(e.start(), e.end()) + "  [" + e.start() + "–" + e.end() + ")");
            label.getStyle().set("background", colour(e.label())).set("padding", "0 var(--lumo-space-xs)")
                    .set("border-radius", "3px").set("color", "black");
            Button remove = new Button(getTranslation("label.ner.remove"), x -> removeSpan(e));
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE);
            remove.setEnabled(!readOnly);
            HorizontalLayout row = new HorizontalLayout(label, remove);
            row.setAlignItems(FlexLayout.Alignment.BASELINE);
            row.addClassName("ner-span");
            spanList.add(row);
        }
    }

    private String colour(String label) {
        return COLOURS[Math.max(0, labels.indexOf(label)) % COLOURS.length];
    }

    @Override
    public JsonNode value() {
        ObjectNode v = JSON.createObjectNode();
        var arr = v.putArray("spans");
        for (Entity e : entities) {
            arr.addObject().put("start", e.start()).put("end", e.end()).put("label", e.label());
        }
        return v; // no entities is an answer too, once the user confirms it (Enter)
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        labelButtons.setEnabled(!readOnly);
        render();
    }

    @Override
    public void onChange(Consumer<JsonNode> listener) {
        this.listener = listener;
    }

    List<Entity> entities() {
        return List.copyOf(entities);
    }
}
