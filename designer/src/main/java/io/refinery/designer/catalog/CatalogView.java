package io.refinery.designer.catalog;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.refinery.designer.modeler.Times;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.catalog.ApiTokens;
import io.refinery.engine.catalog.Catalog;
import io.refinery.engine.catalog.Grants;
import io.refinery.engine.catalog.UsageLog;
import io.refinery.engine.release.ReleaseService.Release;
import io.refinery.engine.release.VersionLabel;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * Released datasets and their versions (what the user's grants cover; everything for managers, admins and experts);
 * a version opens its report, datasheet, manifest and diff. Managers also find the consumers' API tokens and grants
 * and the usage log here, and may announce that a dataset's next release is a new major version.
 */
@Route(value = "catalog", layout = MainLayout.class)
@Menu(title = "nav.catalog", icon = "vaadin:archive", order = 30)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN, Roles.EXPERT, Roles.CONSUMER})
public class CatalogView extends VerticalLayout implements HasDynamicTitle {
    private final transient Catalog catalog;
    private final CurrentUser user = CurrentUser.get();
    private final Grid<Catalog.DatasetEntry> datasets = new Grid<>();
    private final Grid<Release> versions = new Grid<>();
    private final H3 versionsTitle = new H3();
    private final Button nextMajor = new Button();

    CatalogView(Catalog catalog, ApiTokens tokens, Grants grants, UsageLog usage) {
        this.catalog = catalog;
        setSizeFull();
        boolean manager = user.hasRole(Roles.MANAGER) || user.hasRole(Roles.ADMIN);
        Sections tabs = new Sections("catalog-tabs");
        tabs.setSizeFull();
        tabs.add("tab-datasets", getTranslation("catalog.tab.datasets"), datasetsTab(manager));
        if (manager) {
            tabs.add("tab-access", getTranslation("catalog.tab.access"), new AccessPanel(tokens, grants, catalog, user));
            tabs.add("tab-usage", getTranslation("catalog.tab.usage"), new UsagePanel(usage));
        }
        add(new H2(getTranslation("catalog.title")), tabs);
        refresh();
    }

    private VerticalLayout datasetsTab(boolean manager) {
        datasets.setId("catalog-datasets");
        datasets.addColumn(Catalog.DatasetEntry::name).setHeader(getTranslation("catalog.dataset")).setFlexGrow(2);
        datasets.addColumn(Catalog.DatasetEntry::taskType).setHeader(getTranslation("catalog.task-type"));
        datasets.addColumn(d -> d.releases().size()).setHeader(getTranslation("catalog.versions"));
        datasets.addColumn(d -> d.releases().isEmpty() ? "" : d.releases().get(d.releases().size() - 1).label())
                .setHeader(getTranslation("catalog.latest"));
        datasets.addColumn(Catalog.DatasetEntry::nextLabel).setHeader(getTranslation("catalog.next-label"));
        datasets.setHeight("260px");
        datasets.asSingleSelect().addValueChangeListener(e -> showVersions(e.getValue()));

        versions.setId("catalog-versions");
        versions.addColumn(Release::label).setHeader(getTranslation("catalog.version")).setKey("label");
        versions.addColumn(Release::itemCount).setHeader(getTranslation("catalog.items"));
        versions.addColumn(Release::releasedBy).setHeader(getTranslation("catalog.released-by"));
        versions.addColumn(r -> Times.format(r.releasedAt())).setHeader(getTranslation("catalog.released-at"));
        versions.addComponentColumn(r -> {
            Button open = new Button(getTranslation("catalog.open"), e -> open(r));
            open.setId("open-release-" + r.id());
            open.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return open;
        }).setKey("open");
        versions.addItemDoubleClickListener(e -> open(e.getItem()));
        versions.setHeight("300px");

        nextMajor.setId("next-major");
        nextMajor.setVisible(false);
        nextMajor.addClickListener(e -> bumpMajor());
        HorizontalLayout versionsHeader = new HorizontalLayout(versionsTitle, nextMajor);
        versionsHeader.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        nextMajor.getElement().setProperty("hidden", !manager);
        VerticalLayout tab = new VerticalLayout(datasets, versionsHeader, versions);
        tab.setPadding(false);
        return tab;
    }

    private void refresh() {
        List<Catalog.DatasetEntry> entries = catalog.datasets(user);
        datasets.setItems(entries);
        if (entries.isEmpty()) {
            versionsTitle.setText(getTranslation("catalog.empty"));
        }
    }

    private void showVersions(Catalog.DatasetEntry dataset) {
        if (dataset == null) {
            versions.setItems(List.of());
            nextMajor.setVisible(false);
            return;
        }
        versionsTitle.setText(getTranslation("catalog.versions-of", dataset.name()));
        List<Release> newestFirst = new java.util.ArrayList<>(dataset.releases());
        java.util.Collections.reverse(newestFirst);
        versions.setItems(newestFirst);
        int latestMajor = dataset.releases().stream().mapToInt(r -> VersionLabel.parse(r.label()).major()).max().orElse(1);
        nextMajor.setText(getTranslation("catalog.next-major", (latestMajor + 1) + ".0"));
        nextMajor.setVisible(!dataset.releases().isEmpty() && !nextMajor.getElement().getProperty("hidden", false));
    }

    private void bumpMajor() {
        Catalog.DatasetEntry dataset = datasets.asSingleSelect().getValue();
        if (dataset == null) {
            return;
        }
        int latestMajor = dataset.releases().stream().mapToInt(r -> VersionLabel.parse(r.label()).major()).max().orElse(1);
        try {
            Catalog.DatasetEntry updated = catalog.setNextMajor(user, dataset.id(), latestMajor + 1);
            Notification.show(getTranslation("catalog.next-major.done", updated.name(), updated.nextLabel()));
            refresh();
            datasets.select(updated);
        } catch (ApiException e) {
            Notification.show(e.getMessage());
        }
    }

    private void open(Release release) {
        getUI().ifPresent(ui -> ui.navigate("catalog/release/" + release.id()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("catalog.title");
    }

    /** Visible for tests: the empty-state text. */
    Span emptyText() {
        return new Span(versionsTitle.getText());
    }
}
