package io.refinery.designer.login;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.refinery.designer.shell.LanguageSwitch;
import io.refinery.engine.system.AccountLockedException;
import io.refinery.engine.system.RefineryProperties;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.web.WebAttributes;

/**
 * Sign-in. The form posts to {@code /login}, where Spring Security checks the password against the engine's
 * identity service; a failure comes back as {@code /login?error} (a locked or a disabled account says so). The demo
 * users are listed only while the engine creates them ({@code refinery.demo-users=true}; off by default).
 */
@Route("login")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, LocaleChangeObserver, HasDynamicTitle {
    private final H1 appName = new H1();
    private final Paragraph hint = new Paragraph();
    private final LoginForm form = new LoginForm();
    private long locked;
    private boolean disabled;

    LoginView(RefineryProperties properties) {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        hint.addClassName("login-hint");
        hint.setVisible(properties.demoUsers());
        add(appName, form, hint, new LanguageSwitch());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean failed = event.getLocation().getQueryParameters().getParameters().containsKey("error");
        Object failure = failed ? lastFailure() : null;
        locked = failure instanceof AccountLockedException e ? e.seconds() : 0;
        disabled = failure instanceof DisabledException;
        form.setI18n(i18n());
        form.setError(failed);
    }

    /** Spring Security keeps the last sign-in failure in the session; a locked account says for how long. */
    private static Object lastFailure() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null || session.getSession() == null ? null
                : session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        appName.setText(getTranslation("app.name"));
        hint.setText(getTranslation("login.demo-users"));
        form.setI18n(i18n());
    }

    private LoginI18n i18n() {
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.Form texts = i18n.getForm();
        texts.setTitle(getTranslation("login.title"));
        texts.setUsername(getTranslation("login.username"));
        texts.setPassword(getTranslation("login.password"));
        texts.setSubmit(getTranslation("login.submit"));
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        if (disabled) {
            error.setTitle(getTranslation("login.disabled.title"));
            error.setMessage(getTranslation("login.disabled.message"));
        } else {
            error.setTitle(getTranslation(locked > 0 ? "login.locked.title" : "login.error.title"));
            error.setMessage(locked > 0 ? getTranslation("login.locked.message", locked) : getTranslation("login.error.message"));
        }
        error.setUsername(getTranslation("login.error.username"));
        error.setPassword(getTranslation("login.error.password"));
        return i18n;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · " + getTranslation("app.name");
    }
}
