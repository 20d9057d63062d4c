package io.refinery.designer.modeler;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.function.SerializableConsumer;
import io.refinery.engine.modeling.DeployedDefinition;
import io.refinery.engine.modeling.DeployedModels;
import io.refinery.engine.modeling.ModelKind;
import java.util.List;
import java.util.Objects;

/**
 * The deployed versions of one process (or decision) key, latest first: version, who deployed it and when; open one
 * (the latest editable, older ones read-only — the view decides).
 */
class VersionsPanel extends HorizontalLayout {
    private final transient DeployedModels models;
    private final ModelKind kind;
    private final ComboBox<String> key = new ComboBox<>();
    private final Grid<DeployedDefinition> grid = new Grid<>();
    private List<DeployedDefinition> all = List.of();

    VersionsPanel(DeployedModels models, ModelKind kind, SerializableConsumer<DeployedDefinition> onOpen) {
        this.models = models;
        this.kind = kind;
        setPadding(false);
        setSizeFull();
        key.setId("version-key");
        key.setWidth("260px");
        key.addValueChangeListener(e -> showKey());
        grid.setId("versions");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(d -> "v" + d.version()).setKey("version").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> (d.deployedBy() == null ? getTranslation("modeler.versions.system") : d.deployedBy())
                + " \u00b7 " + Times.format(d.deployedAt())).setKey("deployed").setFlexGrow(1);
        grid.addColumn(new ComponentRenderer<>(d -> {
            Button open = new Button(getTranslation("modeler.open"), e -> onOpen.accept(d));
            open.addClassName("open-version");
            open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE);
            return open;
        })).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        grid.addItemDoubleClickListener(e -> onOpen.accept(e.getItem()));
        grid.setHeightFull();
        add(key, grid);
        setFlexGrow(1, grid);
        localize();
    }

    /** Reads all versions again and shows {@code preferredKey} (or the key shown before, or the first). */
    void refresh(String preferredKey) {
        all = models.versions(null).stream().filter(d -> d.kind() == kind).toList();
        List<String> keys = all.stream().map(DeployedDefinition::key).distinct().sorted().toList();
        String shown = preferredKey != null && keys.contains(preferredKey) ? preferredKey
                : key.getValue() != null && keys.contains(key.getValue()) ? key.getValue()
                : keys.isEmpty() ? null : keys.get(0);
        key.setItems(keys);
        key.setValue(shown);
        showKey();
    }

    /** True when {@code definition} is the latest version of its key. */
    boolean isLatest(DeployedDefinition definition) {
        return all.stream().filter(d -> d.key().equals(definition.key()))
                .allMatch(d -> d.version() <= definition.version());
    }

    List<DeployedDefinition> shownVersions() {
        return all.stream().filter(d -> Objects.equals(d.key(), key.getValue())).toList();
    }

    void localize() {
        key.setLabel(getTranslation(kind == ModelKind.DMN ? "modeler.versions.decision" : "modeler.versions.process"));
        grid.getColumnByKey("version").setHeader(getTranslation("modeler.versions.version"));
        grid.getColumnByKey("deployed").setHeader(getTranslation("modeler.versions.deployed"));
        grid.getDataProvider().refreshAll();
    }

    private void showKey() {
        grid.setItems(shownVersions());
    }
}
