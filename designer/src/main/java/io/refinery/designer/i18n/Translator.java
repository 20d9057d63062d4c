package io.refinery.designer.i18n;

import java.io.Serializable;

/**
 * A component's {@code getTranslation}, for the parts of a page that build text outside a component (option lists,
 * helpers shared by several pages): {@code this::getTranslation}.
 */
@FunctionalInterface
public interface Translator extends Serializable {
    String t(String key, Object... params);
}
