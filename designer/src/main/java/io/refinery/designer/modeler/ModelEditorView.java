package io.refinery.designer.modeler;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import io.refinery.engine.modeling.DeployedDefinition;
import io.refinery.engine.modeling.DeployedModels;
import io.refinery.engine.modeling.Deployment;
import io.refinery.engine.modeling.Draft;
import io.refinery.engine.modeling.DraftSummary;
import io.refinery.engine.modeling.ModelFile;
import io.refinery.engine.modeling.ModelInvalid;
import io.refinery.engine.modeling.ModelDrafts;
import io.refinery.engine.modeling.ModelKind;
import io.refinery.engine.modeling.ModelRejected;
import io.refinery.engine.modeling.ProcessModels;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import java.util.List;
import java.util.Optional;

/**
 * What the process designer and the decision editor share: the editor element in a plain Div, the heading with the
 * open document, a read-only banner, Save draft / Deploy / Import / Export, and below the editor the problems, the
 * drafts and the versions of this kind. The engine ({@link ProcessModels}, {@link ModelDrafts},
 * {@link DeployedModels}) stores everything; the view keeps only which document is open. Opened with {@code ?draft=<id>} or {@code ?definition=<definitionId>}, otherwise
 * {@link #openDefault()}.
 */
abstract class ModelEditorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle,
        LocaleChangeObserver {
    protected final transient ProcessModels models;
    protected final transient ModelDrafts modelDrafts;
    protected final transient DeployedModels deployedModels;
    protected final ModelKind kind;
    protected final XmlEditor editor;
    protected final ProblemList problems;
    protected final DraftsPanel drafts;
    protected final VersionsPanel versions;
    protected final Button saveDraft = new Button(VaadinIcon.DOWNLOAD_ALT.create());
    protected final Button deploy = new Button(VaadinIcon.ROCKET.create());
    protected final Button export = new Button(VaadinIcon.UPLOAD_ALT.create());
    protected final ModelImport importer;
    protected final TabSheet side = new TabSheet();
    private final H2 title = new H2();
    private final Span documentName = new Span();
    private final Div readOnlyBanner = new Div();
    private final String titleKey;
    protected ModelDocument document = ModelDocument.NONE;

    ModelEditorView(ProcessModels models, ModelDrafts modelDrafts, DeployedModels deployedModels, ModelKind kind,
                    XmlEditor editor, String titleKey) {
        this.models = models;
        this.modelDrafts = modelDrafts;
        this.deployedModels = deployedModels;
        this.kind = kind;
        this.editor = editor;
        this.titleKey = titleKey;
        this.problems = new ProblemList(this::selectElement);
        this.drafts = new DraftsPanel(modelDrafts, kind, this::openDraft);
        this.versions = new VersionsPanel(deployedModels, kind, this::openVersion);
        this.importer = new ModelImport(models, this::imported);
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        getStyle().set("padding", "0 var(--lumo-space-m) var(--lumo-space-s)");
        WideView.closeDrawerWhileAttached(this);
        saveDraft.setId("save-draft");
        saveDraft.addClickListener(e -> editor.xml(this::saveDraft, this::exportFailed));
        deploy.setId("deploy");
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        export.setId("export");
        export.addClickListener(e -> editor.download(document.fileName(kind)));
    }

    /** Heading, the given toolbar components, the banner, the editor and the tabs below it. */
    protected void layOut(Component... toolbarItems) {
        title.getStyle().set("margin", "var(--lumo-space-s) 0");
        documentName.setId("document-name");
        documentName.getStyle().set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout heading = new HorizontalLayout(title, documentName);
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        HorizontalLayout toolbar = new HorizontalLayout(toolbarItems);
        toolbar.setId("editor-toolbar");
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        toolbar.getStyle().set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)");
        toolbar.setSpacing(false);
        readOnlyBanner.setId("read-only-banner");
        readOnlyBanner.getStyle().set("background", "var(--lumo-warning-color-10pct, #fff3cd)")
                .set("border-left", "4px solid var(--lumo-warning-color, #f0ad4e)").set("padding", "4px 10px")
                .set("margin", "4px 0").set("font-size", "var(--lumo-font-size-s)");
        readOnlyBanner.setVisible(false);

        editor.setSizeFull();
        Div host = new Div(editor); // a plain Div, not a layout's slot (STACK.md)
        host.setId("editor-host");
        host.setWidthFull();
        host.getStyle().set("flex", "1 1 auto").set("min-height", "300px").set("display", "flex")
                .set("position", "relative");
        side.setId("editor-side");
        side.setWidthFull();
        side.setHeight("190px");
        side.getStyle().set("flex", "0 0 190px");
        side.add(getTranslation("modeler.tab.problems"), problems);
        side.add(getTranslation("modeler.tab.drafts"), drafts);
        side.add(getTranslation("modeler.tab.versions"), versions);
        side.addSelectedChangeListener(e -> {
            if (e.getSelectedTab() == side.getTab(drafts)) {
                drafts.refresh();
            } else if (e.getSelectedTab() == side.getTab(versions)) {
                versions.refresh(null);
            }
        });
        add(heading, toolbar, readOnlyBanner, host, side);
        setFlexGrow(1, host);
    }

    protected static Component separator() {
        Span bar = new Span();
        bar.getStyle().set("width", "1px").set("height", "24px").set("background", "var(--lumo-contrast-20pct)")
                .set("margin", "0 4px");
        return bar;
    }

    // ---------------------------------------------------------------------------------------------- open

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        Optional<String> draft = query.getSingleParameter("draft");
        Optional<String> definition = query.getSingleParameter("definition");
        try {
            versions.refresh(null);
            if (draft.isPresent()) {
                openDraft(modelDrafts.draft(draft.get()));
            } else if (definition.isPresent()) {
                deployedModels.versions(null).stream().filter(d -> d.definitionId().equals(definition.get())).findFirst()
                        .ifPresentOrElse(this::openVersion, () -> error("modeler.error.not-found", definition.get()));
            } else {
                openDefault(query);
            }
        } catch (ApiException e) {
            error("modeler.error.not-found", e.getMessage());
        }
    }

    /** What opens without a draft or definition in the URL. */
    protected abstract void openDefault(QueryParameters query);

    /** Shows the element a problem is about; nothing by default. */
    protected void selectElement(String elementId) {
    }

    private void openDraft(DraftSummary summary) {
        openDraft(modelDrafts.draft(summary.id()));
    }

    void openDraft(Draft draft) {
        open(draft.xml(), new ModelDocument(draft.name(), draft.id(), null, false));
    }

    /** The latest version opens editable (it is the base of the next one), older versions read-only. */
    void openVersion(DeployedDefinition definition) {
        versions.refresh(definition.key());
        String name = definition.key() + " v" + definition.version();
        open(deployedModels.definitionXml(definition.definitionId()),
                new ModelDocument(name, null, definition, !versions.isLatest(definition)));
    }

    /** An imported file of this view's kind opens as a new document; {@link #importedOtherKind} gets the others. */
    void imported(ModelFile file) {
        if (file.kind() != kind) {
            importedOtherKind(file);
            return;
        }
        String name = file.fileName().replaceFirst("(?i)(\\.bpmn20\\.xml|\\.dmn11\\.xml|\\.bpmn|\\.dmn|\\.xml)$", "");
        open(file.xml(), ModelDocument.named(name));
    }

    protected abstract void importedOtherKind(ModelFile file);

    protected void open(String xml, ModelDocument next) {
        document = next;
        problems.clearServerProblems();
        editor.open(xml, next.readOnly(), () -> { }, message -> error("modeler.error.import", message));
        showDocument();
    }

    protected void showDocument() {
        documentName.setText(document.label(this));
        readOnlyBanner.setVisible(document.readOnly());
        saveDraft.setEnabled(!document.readOnly());
    }

    // ---------------------------------------------------------------------------------------------- save, deploy

    void saveDraft(String xml) {
        try {
            Draft saved = modelDrafts.saveDraft(document.draftId(), document.draftName(kind), kind, xml, CurrentUser.get());
            document = new ModelDocument(saved.name(), saved.id(), null, false);
            showDocument();
            drafts.refresh();
            notify(getTranslation("modeler.draft.saved", saved.name()), NotificationVariant.LUMO_SUCCESS,
                    "draft-saved");
        } catch (ModelRejected e) {
            error("modeler.error.rejected", ModelImport.reason(this, e), e.getMessage());
        } catch (ApiException e) {
            error("modeler.error.save", e.getMessage());
        }
    }

    protected void confirmDeploy(String xml) {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("modeler.deploy.title"),
                getTranslation("modeler.deploy.text", document.draftName(kind)), getTranslation("modeler.deploy"),
                e -> deploy(xml));
        confirm.setId("confirm-deploy");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("modeler.cancel"));
        confirm.open();
    }

    /** Deploys as a new version; the engine validates again and deploys nothing when anything is wrong. */
    Optional<Deployment> deploy(String xml) {
        try {
            Deployment deployment = models.deploy(document.draftName(kind),
                    List.of(new ModelFile(document.fileName(kind), kind, xml)), CurrentUser.get());
            problems.clearServerProblems();
            deployment.definitions().stream().filter(d -> d.kind() == kind).findFirst().ifPresent(this::deployed);
            return Optional.of(deployment);
        } catch (ModelInvalid e) {
            problems.setServerProblems(e.validation().problems());
            side.setSelectedTab(side.getTab(problems));
            error("modeler.error.deploy", e.getMessage());
        } catch (ApiException e) {
            error("modeler.error.deploy", e.getMessage());
        }
        return Optional.empty();
    }

    /** After a deploy: the notification with the version, the versions list on its key. */
    protected void deployed(DeployedDefinition definition) {
        notify(getTranslation("modeler.deploy.done", definition.key(), definition.version()),
                NotificationVariant.LUMO_SUCCESS, "deployed");
        versions.refresh(definition.key());
    }

    // ---------------------------------------------------------------------------------------------- messages

    protected void exportFailed(String message) {
        error("modeler.error.export", message);
    }

    protected void error(String key, Object... params) {
        notify(getTranslation(key, params), NotificationVariant.LUMO_ERROR, "designer-error");
    }

    protected Notification notify(String text, NotificationVariant variant, String id) {
        Notification n = new Notification(text, variant == NotificationVariant.LUMO_ERROR ? 10000 : 5000,
                Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
        n.setId(id);
        n.open();
        return n;
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        title.setText(getTranslation(titleKey));
        saveDraft.setText(getTranslation("modeler.save-draft"));
        deploy.setText(getTranslation("modeler.deploy"));
        export.setText(getTranslation("modeler.export"));
        readOnlyBanner.setText(getTranslation("modeler.read-only"));
        side.getTab(problems).setLabel(getTranslation("modeler.tab.problems"));
        side.getTab(drafts).setLabel(getTranslation("modeler.tab.drafts"));
        side.getTab(versions).setLabel(getTranslation("modeler.tab.versions"));
        importer.localize();
        problems.refresh();
        drafts.localize();
        versions.localize();
        showDocument();
    }

    @Override
    public String getPageTitle() {
        return getTranslation(titleKey);
    }

    // for tests
    ModelDocument document() {
        return document;
    }

    ProblemList problems() {
        return problems;
    }

    Button deployButton() {
        return deploy;
    }
}
