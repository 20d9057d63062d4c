package io.refinery.designer.demand;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.refinery.designer.i18n.RefineryI18n;
import io.refinery.designer.modeler.Times;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.dataset.DemandList;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;

/**
 * The demands, newest first: state, the process and version they run, where the run is, how far the data has come
 * and who filed them when. A row opens the demand's page.
 */
@Route(value = "demands", layout = MainLayout.class)
@Menu(title = "nav.demands", icon = "vaadin:clipboard-text", order = 20)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class DemandListView extends VerticalLayout implements LocaleChangeObserver, HasDynamicTitle {
    private final transient DemandList demands;
    private final H2 title = new H2();
    private final Button create = new Button(VaadinIcon.PLUS.create());
    private final Grid<DemandList.Row> grid = new Grid<>();

    DemandListView(DemandList demands) {
        this.demands = demands;
        setSizeFull();
        create.setId("demand-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate(DemandFormView.class)));
        HorizontalLayout heading = new HorizontalLayout(title, create);
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        grid.setId("demands");
        grid.setSizeFull();
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("demands/" + e.getItem().versionId())));
        add(heading, grid);
    }

    private void columns() {
        Locale locale = getLocale();
        grid.removeAllColumns();
        grid.addColumn(DemandList.Row::name).setKey("name").setHeader(getTranslation("demands.name"))
                .setFlexGrow(2).setWidth("200px").setResizable(true);
        grid.addColumn(new ComponentRenderer<>(DemandCells::state)).setKey("state").setHeader(getTranslation("demands.state"))
                .setAutoWidth(true);
        grid.addColumn(DemandCells::process).setKey("process").setHeader(getTranslation("demands.process"))
                .setAutoWidth(true);
        grid.addColumn(r -> String.join(", ", r.currentSteps().stream()
                        .map(s -> RefineryI18n.bilingual(s, locale)).toList()))
                .setKey("steps").setHeader(getTranslation("demands.steps")).setFlexGrow(2);
        grid.addColumn(new ComponentRenderer<>(DemandCells::progress)).setKey("progress")
                .setHeader(getTranslation("demands.progress")).setFlexGrow(3).setWidth("320px");
        grid.addColumn(DemandList.Row::openTasks).setKey("tasks").setHeader(getTranslation("demands.tasks"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.filedBy() + " · " + Times.format(r.filedAt())).setKey("filed")
                .setHeader(getTranslation("demands.filed")).setAutoWidth(true);
        grid.addColumn(r -> r.dueDate() == null ? "" : r.dueDate().toString().substring(0, 10)).setKey("due")
                .setHeader(getTranslation("demands.due")).setAutoWidth(true);
    }

    void refresh() {
        grid.setItems(demands.newest(200));
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        title.setText(getTranslation("demands.title"));
        create.setText(getTranslation("demands.new"));
        columns();
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("demands.title") + " · " + getTranslation("app.name");
    }
}
