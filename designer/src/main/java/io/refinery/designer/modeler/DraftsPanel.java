package io.refinery.designer.modeler;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.function.SerializableConsumer;
import io.refinery.engine.modeling.DraftSummary;
import io.refinery.engine.modeling.ModelDrafts;
import io.refinery.engine.modeling.ModelKind;
import io.refinery.engine.system.CurrentUser;

/** The drafts of one kind (BPMN or DMN) stored by the engine: who saved them last and when; open, delete. */
class DraftsPanel extends VerticalLayout {
    private final transient ModelDrafts models;
    private final ModelKind kind;
    private final Grid<DraftSummary> grid = new Grid<>();

    DraftsPanel(ModelDrafts models, ModelKind kind, SerializableConsumer<DraftSummary> onOpen) {
        this.models = models;
        this.kind = kind;
        setPadding(false);
        setSizeFull();
        grid.setId("drafts");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_NO_BORDER);
        grid.addColumn(DraftSummary::name).setKey("name").setFlexGrow(1);
        grid.addColumn(d -> d.savedBy() + " \u00b7 " + Times.format(d.savedAt())).setKey("saved")
                .setFlexGrow(1);
        grid.addColumn(new ComponentRenderer<>(d -> actions(d, onOpen))).setKey("actions").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addItemDoubleClickListener(e -> onOpen.accept(e.getItem()));
        add(grid);
        localize();
    }

    void refresh() {
        grid.setItems(models.drafts().stream().filter(d -> d.kind() == kind).toList());
    }

    void localize() {
        grid.getColumnByKey("name").setHeader(getTranslation("modeler.drafts.name"));
        grid.getColumnByKey("saved").setHeader(getTranslation("modeler.drafts.saved"));
        grid.getDataProvider().refreshAll();
    }

    private HorizontalLayout actions(DraftSummary draft, SerializableConsumer<DraftSummary> onOpen) {
        Button open = new Button(getTranslation("modeler.open"), e -> onOpen.accept(draft));
        open.addClassName("open-draft");
        open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE);
        Button delete = new Button(getTranslation("modeler.drafts.delete"), e -> confirmDelete(draft));
        delete.addClassName("delete-draft");
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        HorizontalLayout buttons = new HorizontalLayout(open, delete);
        buttons.setSpacing(false);
        buttons.getStyle().set("gap", "var(--lumo-space-s)");
        return buttons;
    }

    private void confirmDelete(DraftSummary draft) {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("modeler.drafts.delete.title"),
                getTranslation("modeler.drafts.delete.text", draft.name()), getTranslation("modeler.drafts.delete"),
                e -> delete(draft));
        confirm.setId("confirm-delete-draft");
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("modeler.cancel"));
        confirm.open();
    }

    void delete(DraftSummary draft) {
        models.deleteDraft(draft.id(), CurrentUser.get());
        refresh();
    }
}
