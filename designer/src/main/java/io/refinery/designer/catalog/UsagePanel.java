package io.refinery.designer.catalog;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.refinery.designer.modeler.Times;
import io.refinery.engine.catalog.UsageLog;

/** The usage log, newest first: who (user or token), dataset, version, what, items, bytes, when. */
class UsagePanel extends VerticalLayout {
    static final int ROWS = 500;

    UsagePanel(UsageLog usage) {
        setPadding(false);
        setSizeFull();
        Grid<UsageLog.Usage> grid = new Grid<>();
        grid.setId("usage-grid");
        grid.addColumn(u -> Times.format(u.at())).setHeader(getTranslation("catalog.usage.at"));
        grid.addColumn(UsageLog.Usage::consumer).setHeader(getTranslation("catalog.consumer"));
        grid.addColumn(UsageLog.Usage::datasetName).setHeader(getTranslation("catalog.dataset"));
        grid.addColumn(UsageLog.Usage::label).setHeader(getTranslation("catalog.version"));
        grid.addColumn(UsageLog.Usage::action).setHeader(getTranslation("catalog.usage.action"));
        grid.addColumn(UsageLog.Usage::detail).setHeader(getTranslation("catalog.usage.detail")).setFlexGrow(2);
        grid.addColumn(UsageLog.Usage::items).setHeader(getTranslation("catalog.items"));
        grid.addColumn(UsageLog.Usage::bytes).setHeader(getTranslation("catalog.usage.bytes"));
        grid.setSizeFull();
        Button refresh = new Button(VaadinIcon.REFRESH.create(), e -> grid.setItems(usage.latest(null, ROWS)));
        refresh.setId("refresh-usage");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        grid.setItems(usage.latest(null, ROWS));
        add(refresh, grid);
    }
}
