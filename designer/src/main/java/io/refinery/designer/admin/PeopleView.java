package io.refinery.designer.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.refinery.designer.shell.MainLayout;
import io.refinery.designer.shell.RowButton;
import io.refinery.engine.people.People;
import io.refinery.engine.people.Person;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * People (admins only): every user with names, email, role groups, roles and status; a filter; new user, edit,
 * reset password, disable or enable, delete. The engine's {@link People} checks and applies everything.
 */
@Route(value = "admin/people", layout = MainLayout.class)
@Menu(title = "nav.people", icon = "vaadin:users", order = 90)
@RolesAllowed(Roles.ADMIN)
public class PeopleView extends VerticalLayout implements HasDynamicTitle {
    private final transient People people;
    final Grid<Person> grid = new Grid<>();
    final TextField filter = new TextField();
    private List<Person> all = List.of();

    PeopleView(People people) {
        this.people = people;
        setSizeFull();
        Button create = new Button(getTranslation("people.new"), VaadinIcon.PLUS.create(), e -> openDialog(null));
        create.setId("new-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        filter.setId("people-filter");
        filter.setPlaceholder(getTranslation("people.filter"));
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.EAGER);
        filter.addValueChangeListener(e -> showFiltered());
        HorizontalLayout heading = new HorizontalLayout(new H2(getTranslation("people.title")), create, filter);
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        configureGrid();
        add(heading, grid);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("people.title");
    }

    private void configureGrid() {
        grid.setId("people-grid");
        grid.addColumn(Person::id).setHeader(getTranslation("people.id")).setKey("id");
        grid.addColumn(Person::name).setHeader(getTranslation("people.name")).setKey("name").setFlexGrow(2);
        grid.addColumn(p -> p.email() == null ? "" : p.email()).setHeader(getTranslation("people.email")).setKey("email")
                .setFlexGrow(2);
        grid.addColumn(p -> p.groupIds().stream().map(g -> getTranslation("people.group." + g))
                .collect(Collectors.joining(", "))).setHeader(getTranslation("people.groups")).setKey("groups").setFlexGrow(2);
        grid.addColumn(p -> p.roles().stream().map(r -> getTranslation("people.role." + r))
                .collect(Collectors.joining(", "))).setHeader(getTranslation("people.role")).setKey("role").setFlexGrow(2);
        grid.addColumn(p -> getTranslation(p.active() ? "people.active" : "people.disabled"))
                .setHeader(getTranslation("people.status")).setKey("active");
        grid.addComponentColumn(this::actions).setKey("actions").setFlexGrow(4);
        grid.setSizeFull();
    }

    private HorizontalLayout actions(Person p) {
        Button edit = small("people.edit", "edit-" + p.id(), () -> openDialog(p));
        Button password = small("people.password", "password-" + p.id(), () -> new PasswordDialog(people, p.id(),
                () -> notify(getTranslation("people.password.saved", p.id()), NotificationVariant.LUMO_SUCCESS)).open());
        Button toggle = small(p.active() ? "people.disable" : "people.enable", "toggle-" + p.id(),
                () -> act(() -> people.setActive(p.id(), !p.active())));
        Button delete = small("people.delete", "delete-" + p.id(), () -> confirmDelete(p));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(edit, password, toggle, delete);
    }

    private Button small(String key, String id, Runnable action) {
        return RowButton.of(getTranslation(key), id, action);
    }

    /** Reads the users again. */
    void refresh() {
        all = people.list();
        showFiltered();
    }

    private void showFiltered() {
        String text = filter.getValue() == null ? "" : filter.getValue().trim().toLowerCase(Locale.ROOT);
        grid.setItems(text.isEmpty() ? all : all.stream().filter(p -> matches(p, text)).toList());
    }

    private static boolean matches(Person p, String text) {
        String haystack = String.join(" ", p.id(), p.name(), p.email() == null ? "" : p.email(),
                String.join(" ", p.groupIds()), String.join(" ", p.roles())).toLowerCase(Locale.ROOT);
        return haystack.contains(text);
    }

    void openDialog(Person existing) {
        new PersonDialog(people, existing, saved -> {
            notify(getTranslation("people.saved", saved.id()), NotificationVariant.LUMO_SUCCESS);
            refresh();
        }).open();
    }

    /** Runs a change; the engine's refusal (last admin, yourself) becomes a notification. */
    private void act(Runnable change) {
        try {
            change.run();
        } catch (ApiException e) {
            notify(getTranslation("people.error", e.getMessage()), NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void confirmDelete(Person p) {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("people.delete.title"),
                getTranslation("people.delete.text", p.id(), p.name()), getTranslation("people.delete"),
                e -> act(() -> people.delete(p.id())));
        confirm.setId("delete-user-confirm");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("people.cancel"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification n = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
    }
}
