package io.refinery.designer.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * English (the default) and Simplified Chinese, from {@code i18n/messages.properties} and
 * {@code i18n/messages_zh_CN.properties} (UTF-8). Any Chinese locale gets Chinese, everything else English; the
 * JVM's default locale never takes part. A missing key shows as {@code !key!} and is logged.
 */
@Component
public class RefineryI18n implements I18NProvider {
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final String BUNDLE = "i18n/messages";
    private static final Logger log = LoggerFactory.getLogger(RefineryI18n.class);
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return List.of(ENGLISH, CHINESE);
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, supported(locale), NO_FALLBACK);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            log.warn("No text for '{}' in {}", key, locale);
            return "!" + key + "!";
        }
        return params.length == 0 ? pattern : new MessageFormat(pattern, supported(locale)).format(params);
    }

    /** The provided locale that serves {@code locale}. */
    public static Locale supported(Locale locale) {
        return locale != null && CHINESE.getLanguage().equals(locale.getLanguage()) ? CHINESE : ENGLISH;
    }

    /**
     * The part of a bilingual BPMN name ({@code "Approve demand / 审批需求"}) for the locale; a name without
     * {@code " / "} as it is.
     */
    public static String bilingual(String name, Locale locale) {
        if (name == null) {
            return "";
        }
        int slash = name.lastIndexOf(" / ");
        if (slash < 0) {
            return name;
        }
        return supported(locale) == CHINESE ? name.substring(slash + 3).trim() : name.substring(0, slash).trim();
    }
}
