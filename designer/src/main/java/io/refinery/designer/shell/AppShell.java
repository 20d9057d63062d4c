package io.refinery.designer.shell;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;

/**
 * The HTML page around the UI. Theme: Lumo, Vaadin's default; no custom {@code @Theme} and no npm packages yet,
 * so the production build uses Vaadin's pre-built bundle and needs no npm install.
 */
@Meta(name = "application-name", content = "Refinery")
public class AppShell implements AppShellConfigurator {
}
