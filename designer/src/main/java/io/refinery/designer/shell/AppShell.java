package io.refinery.designer.shell;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.theme.Theme;

/**
 * The HTML page around the UI. Theme {@code refinery}: Lumo with its utility classes (frontend/themes/refinery). Components with npm packages
 * ({@code @NpmPackage}, e.g. Annotorious for the image labelling components) make the production build run npm and
 * Vite once; its result is committed as {@code src/main/bundles/prod.bundle}, which later builds reuse as long as
 * the frontend does not change.
 */
@Meta(name = "application-name", content = "Refinery")
@Theme("refinery")
public class AppShell implements AppShellConfigurator {
}
