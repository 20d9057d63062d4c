package io.refinery.designer.schedule;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.refinery.designer.shell.MainLayout;
import io.refinery.designer.shell.RowButton;
import io.refinery.engine.release.ReleaseService;
import io.refinery.engine.schedule.Firing;
import io.refinery.engine.schedule.Schedule;
import io.refinery.engine.schedule.Schedules;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Schedules: name, kind, cron, next run, last outcome, paused; create and edit in a dialog, pause or resume, run now,
 * delete; below, the firings of the selected schedule with their outcome. The engine holds the state; refresh reads it.
 */
@Route(value = "schedules", layout = MainLayout.class)
@Menu(title = "nav.schedules", icon = "vaadin:clock", order = 45)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class SchedulesView extends VerticalLayout implements HasDynamicTitle {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final transient Schedules schedules;
    private final transient ReleaseService releases;
    private final String user = CurrentUser.get().id();
    final Grid<Schedule> grid = new Grid<>();
    final Grid<Firing> firings = new Grid<>();
    private final H3 firingsTitle = new H3();

    SchedulesView(Schedules schedules, ReleaseService releases) {
        this.schedules = schedules;
        this.releases = releases;
        setSizeFull();
        Button create = new Button(getTranslation("schedules.new"), VaadinIcon.PLUS.create(), e -> openDialog(null));
        create.setId("new-schedule");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button refresh = new Button(getTranslation("schedules.refresh"), VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.setId("refresh-schedules");
        HorizontalLayout heading = new HorizontalLayout(new H2(getTranslation("schedules.title")), create, refresh);
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        configureGrid();
        configureFirings();
        add(heading, grid, firingsTitle, firings);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("schedules.title");
    }

    private void configureGrid() {
        grid.setId("schedules-grid");
        grid.addColumn(s -> s.spec().name()).setHeader(getTranslation("schedules.name")).setKey("name").setFlexGrow(2);
        grid.addColumn(s -> getTranslation("schedules.kind." + s.spec().kind())).setHeader(getTranslation("schedules.kind"))
                .setKey("kind").setFlexGrow(2);
        grid.addColumn(s -> s.spec().cron() + " (" + s.spec().zone() + ")").setHeader(getTranslation("schedules.cron"))
                .setKey("cron").setFlexGrow(2);
        grid.addColumn(s -> s.paused() ? "" : time(s.nextFireTime(), s.spec().zone())).setHeader(getTranslation("schedules.next"))
                .setKey("next");
        grid.addColumn(s -> s.lastFiring() == null ? "" : outcome(s.lastFiring())).setHeader(getTranslation("schedules.last"))
                .setKey("last").setFlexGrow(2);
        grid.addColumn(s -> getTranslation(s.paused() ? "schedules.paused" : "schedules.active")).setKey("state");
        grid.addComponentColumn(this::actions).setKey("actions").setFlexGrow(3);
        grid.setHeight("22rem");
        grid.asSingleSelect().addValueChangeListener(e -> showFirings(e.getValue()));
    }

    private HorizontalLayout actions(Schedule s) {
        Button edit = small("schedules.edit", "edit-" + s.id(), () -> openDialog(s));
        Button pause = small(s.paused() ? "schedules.resume" : "schedules.pause", "pause-" + s.id(), () -> {
            if (s.paused()) {
                schedules.resume(s.id());
            } else {
                schedules.pause(s.id());
            }
            refresh();
        });
        Button run = small("schedules.run", "run-" + s.id(), () -> runNow(s));
        Button delete = small("schedules.delete", "delete-" + s.id(), () -> confirmDelete(s));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(edit, pause, run, delete);
    }

    private Button small(String key, String id, Runnable action) {
        return RowButton.of(getTranslation(key), id, action);
    }

    private void configureFirings() {
        firings.setId("firings-grid");
        firings.addColumn(f -> TIME.format(f.firedAt().atZone(ZoneId.systemDefault()))).setHeader(getTranslation("schedules.firing.at"))
                .setKey("at");
        firings.addColumn(f -> f.scheduledFor() == null ? "" : TIME.format(f.scheduledFor().atZone(ZoneId.systemDefault())))
                .setHeader(getTranslation("schedules.firing.for")).setKey("for");
        firings.addColumn(Firing::firedBy).setHeader(getTranslation("schedules.firing.by")).setKey("by");
        firings.addColumn(f -> getTranslation("schedules.outcome." + f.outcome())).setHeader(getTranslation("schedules.firing.outcome"))
                .setKey("outcome");
        firings.addColumn(f -> f.started() ? f.processInstanceId() : f.error()).setHeader(getTranslation("schedules.firing.detail"))
                .setKey("detail").setFlexGrow(4);
        firings.addColumn(Firing::durationMs).setHeader(getTranslation("schedules.firing.duration")).setKey("duration");
        firingsTitle.setText(getTranslation("schedules.firings.none"));
    }

    /** Reads the schedules again; keeps the selection and its firings. */
    void refresh() {
        Schedule selected = grid.asSingleSelect().getValue();
        List<Schedule> all = schedules.all();
        grid.setItems(all);
        all.stream().filter(s -> selected != null && s.id() == selected.id()).findFirst()
                .ifPresentOrElse(grid::select, () -> showFirings(null));
    }

    private void showFirings(Schedule s) {
        if (s == null) {
            firingsTitle.setText(getTranslation("schedules.firings.none"));
            firings.setItems(List.of());
            return;
        }
        firingsTitle.setText(getTranslation("schedules.firings", s.spec().name()));
        firings.setItems(schedules.firings(s.id(), 100));
    }

    void openDialog(Schedule existing) {
        ScheduleDialog dialog = new ScheduleDialog(schedules, existing == null ? null : existing.spec(), schedules.datasets(),
                releases.all(), spec -> {
                    Schedule saved = existing == null ? schedules.create(spec, user) : schedules.update(existing.id(), spec, user);
                    notify(getTranslation("schedules.saved", saved.spec().name()), NotificationVariant.LUMO_SUCCESS);
                    refresh();
                    grid.select(saved);
                    return saved;
                });
        dialog.open();
    }

    void runNow(Schedule s) {
        Firing firing = schedules.runNow(s.id(), user);
        notify(firing.started() ? getTranslation("schedules.run.started", firing.processInstanceId())
                : getTranslation("schedules.run.failed", firing.error()),
                firing.started() ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
        grid.select(s);
        refresh();
    }

    private void confirmDelete(Schedule s) {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("schedules.delete.title"),
                getTranslation("schedules.delete.text", s.spec().name()), getTranslation("schedules.delete"), e -> {
                    schedules.delete(s.id(), user);
                    grid.deselectAll();
                    refresh();
                });
        confirm.setId("delete-schedule-confirm");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("schedules.cancel"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private String outcome(Firing f) {
        return getTranslation("schedules.outcome." + f.outcome()) + " · "
                + TIME.format(f.firedAt().atZone(ZoneId.systemDefault()));
    }

    private static String time(Instant at, String zone) {
        return at == null ? "" : TIME.format(at.atZone(ZoneId.of(zone))) + " " + zone;
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification n = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
    }
}
