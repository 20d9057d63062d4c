package io.refinery.designer.demand;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.dataset.Demand;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.modeling.DeployedModels;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;

/**
 * The demand intake form: every value the engine takes, checked in the browser (Binder) and by the engine
 * ({@link DemandService#problems}); each problem shows on its field. Filing starts the chosen process and opens the
 * demand's page.
 */
@Route(value = "demands/new", layout = MainLayout.class)
@Menu(title = "nav.demand-new", icon = "vaadin:plus-circle-o", order = 21)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class DemandFormView extends VerticalLayout implements LocaleChangeObserver, HasDynamicTitle {
    private final transient DemandService demands;
    private final transient DeployedModels processes;
    private final CurrentUser user = CurrentUser.get();
    private final H2 title = new H2();
    private final Button file = new Button();
    private DemandFields fields;
    private Locale builtFor;

    DemandFormView(DemandService demands, DeployedModels processes) {
        this.demands = demands;
        this.processes = processes;
        setMaxWidth("1100px");
        file.setId("demand-file");
        file.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        file.addClickListener(e -> file());
        build(null);
    }

    /** The fields in the current language, with the values of {@code keep} when given. */
    private void build(Demand keep) {
        removeAll();
        builtFor = getLocale();
        fields = new DemandFields(processes.processChoices(), false);
        if (keep != null) {
            fields.fill(keep);
        }
        title.setText(getTranslation("demand.new.title"));
        file.setText(getTranslation("demand.file"));
        add(title, fields, file);
    }

    /** Client-side checks, then the engine's; files the demand only when both pass. */
    void file() {
        fields.submit(demands, demand -> {
            DemandService.Started started = demands.start(demand, user);
            Notification.show(getTranslation("demand.filed", demand.name(), started.processKey(),
                    started.processVersion()), 5000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            getUI().ifPresent(ui -> ui.navigate("demands/" + started.versionId()));
        });
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        if (!event.getLocale().equals(builtFor)) {
            build(fields.demand());
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("demand.new.title") + " · " + getTranslation("app.name");
    }
}
