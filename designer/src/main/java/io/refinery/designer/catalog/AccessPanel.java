package io.refinery.designer.catalog;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.refinery.designer.modeler.Times;
import io.refinery.engine.catalog.ApiTokens;
import io.refinery.engine.catalog.Catalog;
import io.refinery.engine.catalog.Grants;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;

/**
 * Managers' side of delivery: API tokens (create: the secret is shown once, in a dialog; revoke) and grants (a user
 * or token, a dataset, a version range such as {@code 1.x}, the intended use; revoke).
 */
class AccessPanel extends VerticalLayout {
    private final transient ApiTokens tokens;
    private final transient Grants grants;
    private final transient CurrentUser user;
    private final Grid<ApiTokens.Token> tokenGrid = new Grid<>();
    private final Grid<Grants.Grant> grantGrid = new Grid<>();

    AccessPanel(ApiTokens tokens, Grants grants, Catalog catalog, CurrentUser user) {
        this.tokens = tokens;
        this.grants = grants;
        this.user = user;
        setPadding(false);
        add(new H3(getTranslation("catalog.tokens")), tokenForm(), tokenGrid(),
                new H3(getTranslation("catalog.grants")), grantForm(catalog), grantGrid());
        refresh();
    }

    private HorizontalLayout tokenForm() {
        TextField name = new TextField(getTranslation("catalog.token.name"));
        name.setId("token-name");
        Button create = new Button(getTranslation("catalog.token.create"), e -> {
            try {
                ApiTokens.Created created = tokens.create(name.getValue(), user.id());
                showSecret(created);
                name.clear();
                refresh();
            } catch (ApiException ex) {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
            }
        });
        create.setId("create-token");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private void showSecret(ApiTokens.Created created) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("catalog.token.created", created.token().name()));
        TextField secret = new TextField();
        secret.setId("token-secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidth("32em");
        dialog.add(new Paragraph(getTranslation("catalog.token.once")), secret);
        Button close = new Button(getTranslation("catalog.close"), e -> dialog.close());
        close.setId("close-secret");
        dialog.getFooter().add(close);
        dialog.open();
    }

    private Grid<ApiTokens.Token> tokenGrid() {
        tokenGrid.setId("token-grid");
        tokenGrid.addColumn(ApiTokens.Token::consumer).setHeader(getTranslation("catalog.consumer"));
        tokenGrid.addColumn(t -> t.createdBy() + " · " + Times.format(t.createdAt())).setHeader(getTranslation("catalog.created"));
        tokenGrid.addColumn(t -> t.revokedAt() == null ? "" : t.revokedBy() + " · " + Times.format(t.revokedAt()))
                .setHeader(getTranslation("catalog.revoked"));
        tokenGrid.addComponentColumn(t -> revoke("revoke-token-" + t.id(), t.revokedAt() == null, () -> tokens.revoke(t.id(), user.id())))
                .setKey("revoke");
        tokenGrid.setAllRowsVisible(true);
        return tokenGrid;
    }

    private HorizontalLayout grantForm(Catalog catalog) {
        TextField consumer = new TextField(getTranslation("catalog.consumer"));
        consumer.setId("grant-consumer");
        consumer.setHelperText(getTranslation("catalog.consumer.help"));
        Select<Catalog.DatasetEntry> dataset = new Select<>();
        dataset.setId("grant-dataset");
        dataset.setLabel(getTranslation("catalog.dataset"));
        dataset.setItemLabelGenerator(Catalog.DatasetEntry::name);
        dataset.setItems(catalog.datasets(user));
        TextField range = new TextField(getTranslation("catalog.grant.range"));
        range.setId("grant-range");
        range.setValue("1.x");
        range.setHelperText(getTranslation("catalog.grant.range.help"));
        TextField use = new TextField(getTranslation("catalog.grant.use"));
        use.setId("grant-use");
        Button grant = new Button(getTranslation("catalog.grant.create"), e -> {
            if (dataset.getValue() == null) {
                dataset.setInvalid(true);
                dataset.setErrorMessage(getTranslation("catalog.grant.dataset-required"));
                return;
            }
            try {
                grants.create(consumer.getValue(), dataset.getValue().id(), range.getValue(), use.getValue(), user.id());
                Notification.show(getTranslation("catalog.grant.done", consumer.getValue(), dataset.getValue().name(),
                        range.getValue()));
                refresh();
            } catch (ApiException ex) {
                Notification.show(ex.getMessage(), 5000, Notification.Position.MIDDLE);
            }
        });
        grant.setId("create-grant");
        grant.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(consumer, dataset, range, use, grant);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        return form;
    }

    private Grid<Grants.Grant> grantGrid() {
        grantGrid.setId("grant-grid");
        grantGrid.addColumn(Grants.Grant::consumer).setHeader(getTranslation("catalog.consumer"));
        grantGrid.addColumn(Grants.Grant::datasetName).setHeader(getTranslation("catalog.dataset"));
        grantGrid.addColumn(Grants.Grant::versionRange).setHeader(getTranslation("catalog.grant.range"));
        grantGrid.addColumn(Grants.Grant::intendedUse).setHeader(getTranslation("catalog.grant.use"));
        grantGrid.addColumn(g -> g.createdBy() + " · " + Times.format(g.createdAt())).setHeader(getTranslation("catalog.created"));
        grantGrid.addColumn(g -> g.revokedAt() == null ? "" : g.revokedBy() + " · " + Times.format(g.revokedAt()))
                .setHeader(getTranslation("catalog.revoked"));
        grantGrid.addComponentColumn(g -> revoke("revoke-grant-" + g.id(), g.revokedAt() == null, () -> grants.revoke(g.id(), user.id())))
                .setKey("revoke");
        grantGrid.setAllRowsVisible(true);
        return grantGrid;
    }

    private Button revoke(String id, boolean active, Runnable action) {
        Button revoke = new Button(getTranslation("catalog.revoke"), e -> {
            action.run();
            refresh();
        });
        revoke.setId(id);
        revoke.setEnabled(active);
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return revoke;
    }

    private void refresh() {
        tokenGrid.setItems(tokens.all());
        grantGrid.setItems(grants.all());
    }
}
