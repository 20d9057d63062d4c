package io.refinery.designer.shell;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.refinery.designer.i18n.RefineryI18n;
import java.util.Locale;

/**
 * 中文 | English. Switching sets the session's locale: every open view of the session re-labels itself
 * through {@link LocaleChangeObserver}, without a page reload.
 */
public class LanguageSwitch extends HorizontalLayout implements LocaleChangeObserver {
    private final Button chinese = language("中文", RefineryI18n.CHINESE, "language-zh");
    private final Button english = language("English", RefineryI18n.ENGLISH, "language-en");

    public LanguageSwitch() {
        setSpacing(false);
        addClassName(LumoUtility.Gap.XSMALL);
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(chinese, new Span("|"), english);
    }

    private static Button language(String name, Locale locale, String id) {
        Button button = new Button(name, e -> VaadinSession.getCurrent().setLocale(locale));
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        button.getElement().setAttribute("lang", locale.toLanguageTag());
        return button;
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        boolean zh = RefineryI18n.supported(event.getLocale()) == RefineryI18n.CHINESE;
        chinese.setEnabled(!zh);
        english.setEnabled(zh);
    }
}
