package io.refinery.designer.shell;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;

/**
 * The HTML page around the UI. Theme: Lumo, Vaadin's default; no custom {@code @Theme}. Components with npm packages
 * ({@code @NpmPackage}, e.g. Annotorious for the image labelling components) make the production build run npm and
 * Vite once; its result is committed as {@code src/main/bundles/prod.bundle}, which later builds reuse as long as
 * the frontend does not change.
 */
@Meta(name = "application-name", content = "Refinery")
public class AppShell implements AppShellConfigurator {
}
