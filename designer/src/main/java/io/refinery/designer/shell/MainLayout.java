package io.refinery.designer.shell;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * The frame of every signed-in page: app name, navigation, the user's name, language switch and logout. The
 * navigation lists the views that carry {@code @Menu} and that the user may open; a view's menu title is a text key,
 * so the shell knows no feature and no feature needs the shell's help to appear.
 */
public class MainLayout extends AppLayout implements LocaleChangeObserver {
    private final transient AuthenticationContext authentication;
    private final SideNav nav = new SideNav();
    private final Button logout = new Button(VaadinIcon.SIGN_OUT.create());

    MainLayout(AuthenticationContext authentication, IdentityService identity) {
        this.authentication = authentication;
        configureHeader(displayName(identity));
        addToDrawer(nav);
    }

    private void configureHeader(String userName) {
        H1 appName = new H1(getTranslation("app.name"));
        appName.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        Span user = new Span(VaadinIcon.USER.create(), new Span(userName));
        user.setId("current-user");
        user.addClassNames(LumoUtility.Display.FLEX, LumoUtility.Gap.SMALL, LumoUtility.AlignItems.CENTER);
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.addClickListener(e -> authentication.logout());
        HorizontalLayout right = new HorizontalLayout(user, new LanguageSwitch(), logout);
        right.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        right.addClassNames(LumoUtility.Margin.Left.AUTO, LumoUtility.Margin.Right.MEDIUM);
        addToNavbar(new DrawerToggle(), appName, right);
    }

    /** "Mia Manager 王经理 (manager)", or just the user id when the identity service has no names. */
    private String displayName(IdentityService identity) {
        String id = authentication.getPrincipalName().orElse("?");
        User user = identity.createUserQuery().userId(id).singleResult();
        if (user == null || user.getFirstName() == null) {
            return id;
        }
        String name = (user.getFirstName() + " " + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return name + " (" + id + ")";
    }

    /** {@code "vaadin:tasks"} as an icon; none for an empty name. */
    private static Icon icon(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String[] collectionAndIcon = name.split(":", 2);
        return collectionAndIcon.length == 2 ? new Icon(collectionAndIcon[0], collectionAndIcon[1]) : new Icon(name);
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        nav.removeAll();
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            nav.addItem(new SideNavItem(getTranslation(entry.title()), entry.path(), icon(entry.icon())));
        }
        logout.setText(getTranslation("shell.logout"));
    }
}
