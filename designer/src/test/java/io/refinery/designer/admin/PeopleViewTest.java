package io.refinery.designer.admin;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AccessDeniedException;
import io.refinery.designer.UiTestSupport;
import io.refinery.engine.people.People;
import io.refinery.engine.people.Person;
import io.refinery.engine.system.IdentityAuthenticationProvider;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/** The people page without a browser: an admin creates, groups, resets and disables a user; a manager is refused. */
class PeopleViewTest extends UiTestSupport {
    @Autowired
    private IdentityAuthenticationProvider authentication;
    @Autowired
    private People people;

    private void checkPassword(String user, String password) {
        authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, password));
    }

    private static int rowOf(Grid<Person> grid, String id) {
        for (int i = 0; i < GridKt._size(grid); i++) {
            if (GridKt._get(grid, i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static void click(Grid<Person> grid, String id, String button) {
        ButtonKt._click((Button) GridKt._getCellComponent(grid, rowOf(grid, id), "actions").getChildren()
                .filter(c -> c.getId().orElse("").equals(button + "-" + id)).findFirst().orElseThrow());
    }

    @Test
    void aManagerIsRefusedAndSeesNoMenuEntry() {
        signIn("manager");
        assertThatThrownBy(() -> UI.getCurrent().navigate(PeopleView.class))
                .hasRootCauseInstanceOf(AccessDeniedException.class);
        UI.getCurrent().navigate("");
        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel)).doesNotContain("People");
    }

    @Test
    void anAdminCreatesAUserPutsItInAnnotatorsResetsItsPasswordAndDisablesIt() {
        String id = "ui" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        signIn("admin");
        UI.getCurrent().navigate(PeopleView.class);
        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel)).contains("People");
        PeopleView view = _get(PeopleView.class);
        Grid<Person> grid = view.grid;

        ButtonKt._click(_get(Button.class, spec -> spec.withId("new-user")));
        PersonDialog dialog = _get(PersonDialog.class);
        dialog.id.setValue(id);
        dialog.firstName.setValue("Ui");
        dialog.lastName.setValue("Tester 测");
        dialog.email.setValue(id + "@example.org");
        dialog.password.setValue("short");
        ButtonKt._click(dialog.save);
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.password.isInvalid()).isTrue();
        assertThat(dialog.error.getText()).contains("field 'password'");
        dialog.password.setValue("first-password");
        ButtonKt._click(dialog.save);
        assertThat(dialog.isOpened()).isFalse();
        int row = rowOf(grid, id);
        assertThat(row).isNotNegative();
        assertThat(GridKt._getFormatted(grid, row, "name")).isEqualTo("Ui Tester 测");
        assertThat(GridKt._getFormatted(grid, row, "groups")).isEmpty();
        assertThat(GridKt._getFormatted(grid, row, "active")).isEqualTo("Active");

        click(grid, id, "edit");
        PersonDialog edit = _get(PersonDialog.class);
        assertThat(edit.id.isReadOnly()).isTrue();
        assertThat(edit.password.isVisible()).isFalse();
        edit.groups.get("annotators").setValue(true);
        ButtonKt._click(edit.save);
        assertThat(people.get(id).groupIds()).containsExactly("annotators");
        assertThat(GridKt._getFormatted(grid, rowOf(grid, id), "groups")).isEqualTo("annotators");
        assertThat(GridKt._getFormatted(grid, rowOf(grid, id), "role")).isEqualTo("Annotator");
        checkPassword(id, "first-password");

        click(grid, id, "password");
        PasswordDialog reset = _get(PasswordDialog.class);
        reset.password.setValue("1234567");
        ButtonKt._click(reset.save);
        assertThat(reset.password.isInvalid()).isTrue();
        assertThat(reset.password.getErrorMessage()).contains("at least 8");
        reset.password.setValue("second-password");
        ButtonKt._click(reset.save);
        assertThat(reset.isOpened()).isFalse();
        checkPassword(id, "second-password");

        view.filter.setValue(id.substring(0, 8));
        assertThat(GridKt._size(grid)).isEqualTo(1);
        view.filter.setValue("");

        click(grid, id, "toggle");
        assertThat(GridKt._getFormatted(grid, rowOf(grid, id), "active")).isEqualTo("Disabled");
        assertThat(people.get(id).active()).isFalse();
        assertThatThrownBy(() -> checkPassword(id, "second-password")).isInstanceOf(DisabledException.class);
        // last: a wrong password locks the account for a few seconds (Camunda's login delay)
        assertThatThrownBy(() -> checkPassword(id, "first-password")).isInstanceOf(BadCredentialsException.class);

        click(grid, id, "delete");
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(rowOf(grid, id)).isEqualTo(-1);
        assertThat(people.list()).extracting(Person::id).doesNotContain(id);
    }

    @Test
    void anAdminCannotDisableItselfAndIsToldWhy() {
        signIn("admin");
        UI.getCurrent().navigate(PeopleView.class);
        Grid<Person> grid = _get(PeopleView.class).grid;
        click(grid, "admin", "toggle");
        assertThat(GridKt._getFormatted(grid, rowOf(grid, "admin"), "active")).isEqualTo("Active");
        assertThat(people.list()).filteredOn(p -> p.id().equals("admin")).extracting(Person::active)
                .isEqualTo(List.of(true));
    }
}
