package io.refinery.designer.modeler;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
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
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.modeling.DeployedDefinition;
import io.refinery.engine.modeling.Deployment;
import io.refinery.engine.modeling.Draft;
import io.refinery.engine.modeling.DraftSummary;
import io.refinery.engine.modeling.ModelFile;
import io.refinery.engine.modeling.ModelInvalid;
import io.refinery.engine.modeling.ModelKind;
import io.refinery.engine.modeling.ModelRejected;
import io.refinery.engine.modeling.ProcessModels;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The decision editor: dmn-js on the QC gate's decision table (or any DMN draft or deployed decision; old versions
 * read-only). Save draft, deploy as a new version, import, export. Opened with {@code ?draft=<id>} or
 * {@code ?definition=<decisionDefinitionId>}; with nothing, the latest deployed {@value #QC_GATE}.
 */
@Route(value = "processes/decisions", layout = MainLayout.class)
@Menu(title = "nav.decisions", icon = "vaadin:table", order = 41)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class DecisionEditorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle,
        LocaleChangeObserver {
    static final String QC_GATE = "qc-gate";

    private final transient ProcessModels models;
    private final DmnEditor editor = new DmnEditor();
    private final H2 title = new H2();
    private final Span documentName = new Span();
    private final Div readOnlyBanner = new Div();
    private final Button saveDraft = new Button(VaadinIcon.DOWNLOAD_ALT.create());
    private final Button deploy = new Button(VaadinIcon.ROCKET.create());
    private final Button export = new Button(VaadinIcon.UPLOAD_ALT.create());
    private final ModelImport importer;
    private final ProblemList problems = new ProblemList(id -> { });
    private final DraftsPanel drafts;
    private final VersionsPanel versions;
    private final TabSheet side = new TabSheet();
    private ProcessDesignerView.Document document = new ProcessDesignerView.Document(null, null, null, false);

    DecisionEditorView(ProcessModels models) {
        this.models = models;
        this.drafts = new DraftsPanel(models, ModelKind.DMN, this::openDraft);
        this.versions = new VersionsPanel(models, ModelKind.DMN, this::openVersion);
        this.importer = new ModelImport(models, this::imported);
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        getStyle().set("padding", "0 var(--lumo-space-m) var(--lumo-space-s)");
        WideView.closeDrawerWhileAttached(this);
        configureToolbar();
        configureBody();
    }

    /** Lets the process designer pass an imported DMN file on to this view. */
    static void handOver(ModelFile file) {
        ComponentUtil.setData(UI.getCurrent(), ModelFile.class, file);
    }

    private void configureToolbar() {
        title.getStyle().set("margin", "var(--lumo-space-s) 0");
        documentName.setId("document-name");
        documentName.getStyle().set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout heading = new HorizontalLayout(title, documentName);
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        saveDraft.setId("save-draft");
        saveDraft.addClickListener(e -> editor.xml(this::saveDraft, this::exportFailed));
        deploy.setId("deploy");
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        deploy.addClickListener(e -> editor.xml(this::confirmDeploy, this::exportFailed));
        export.setId("export");
        export.addClickListener(e -> editor.download(fileName()));
        HorizontalLayout toolbar = new HorizontalLayout(saveDraft, deploy, importer, export);
        toolbar.setId("decision-toolbar");
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        toolbar.getStyle().set("gap", "var(--lumo-space-xs)");
        toolbar.setSpacing(false);
        readOnlyBanner.setId("read-only-banner");
        readOnlyBanner.getStyle().set("background", "var(--lumo-warning-color-10pct, #fff3cd)")
                .set("border-left", "4px solid var(--lumo-warning-color, #f0ad4e)").set("padding", "4px 10px")
                .set("margin", "4px 0").set("font-size", "var(--lumo-font-size-s)");
        readOnlyBanner.setVisible(false);
        add(heading, toolbar, readOnlyBanner);
    }

    private void configureBody() {
        editor.setId("dmn-editor");
        editor.setSizeFull();
        Div host = new Div(editor); // a plain Div: CodeMirror must not sit in a layout's slot (STACK.md)
        host.setId("dmn-host");
        host.setWidthFull();
        host.getStyle().set("flex", "1 1 auto").set("min-height", "300px").set("position", "relative");
        side.setId("decision-side");
        side.setWidthFull();
        side.setHeight("210px");
        side.getStyle().set("flex", "0 0 210px");
        side.add(getTranslation("modeler.tab.versions"), versions);
        side.add(getTranslation("modeler.tab.drafts"), drafts);
        side.add(getTranslation("modeler.tab.problems"), problems);
        side.addSelectedChangeListener(e -> {
            if (e.getSelectedTab() == side.getTab(drafts)) {
                drafts.refresh();
            }
        });
        add(host, side);
        setFlexGrow(1, host);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ModelFile handedOver = ComponentUtil.getData(event.getUI(), ModelFile.class);
        if (handedOver != null) {
            ComponentUtil.setData(event.getUI(), ModelFile.class, null);
            imported(handedOver);
            return;
        }
        QueryParameters query = event.getLocation().getQueryParameters();
        try {
            Optional<String> draft = query.getSingleParameter("draft");
            Optional<String> definition = query.getSingleParameter("definition");
            versions.refresh(QC_GATE);
            if (draft.isPresent()) {
                openDraft(models.draft(draft.get()));
            } else if (definition.isPresent()) {
                models.versions(null).stream().filter(d -> d.definitionId().equals(definition.get())).findFirst()
                        .ifPresentOrElse(this::openVersion, () -> error("modeler.error.not-found", definition.get()));
            } else {
                models.versions(QC_GATE).stream().filter(d -> d.kind() == ModelKind.DMN)
                        .max(Comparator.comparingInt(DeployedDefinition::version))
                        .ifPresentOrElse(this::openVersion, this::openBlank);
            }
        } catch (ApiException e) {
            error("modeler.error.not-found", e.getMessage());
        }
    }

    private void openBlank() {
        models.templateNames().stream().filter(n -> n.endsWith("-decision")).findFirst()
                .ifPresent(n -> open(models.templateXml(n), new ProcessDesignerView.Document(n, null, null, false)));
    }

    private void openDraft(DraftSummary summary) {
        openDraft(models.draft(summary.id()));
    }

    void openDraft(Draft draft) {
        open(draft.xml(), new ProcessDesignerView.Document(draft.name(), draft.id(), null, false));
    }

    void openVersion(DeployedDefinition definition) {
        String name = definition.key() + " v" + definition.version();
        open(models.definitionXml(definition.definitionId()),
                new ProcessDesignerView.Document(name, null, definition, !versions.isLatest(definition)));
    }

    private void imported(ModelFile file) {
        if (file.kind() != ModelKind.DMN) {
            error("modeler.error.not-dmn", file.fileName());
            return;
        }
        String name = file.fileName().replaceFirst("\\.(dmn|xml|dmn11\\.xml)$", "");
        open(file.xml(), new ProcessDesignerView.Document(name, null, null, false));
    }

    private void open(String xml, ProcessDesignerView.Document next) {
        document = next;
        problems.clearServerProblems();
        editor.open(xml, next.readOnly(), () -> { }, message -> error("modeler.error.import", message));
        showDocument();
    }

    private void showDocument() {
        documentName.setText(document.name() == null ? "" : document.draftId() != null
                ? getTranslation("modeler.document.draft", document.name())
                : document.definition() != null ? getTranslation("modeler.document.version", document.name())
                : document.name());
        readOnlyBanner.setVisible(document.readOnly());
        saveDraft.setEnabled(!document.readOnly());
        deploy.setEnabled(!document.readOnly());
    }

    private String fileName() {
        String base = document.name() == null || document.name().isBlank() ? "decision" : document.name();
        return base.replaceAll("[^\\p{L}\\p{N}._-]+", "-") + ".dmn";
    }

    void saveDraft(String xml) {
        try {
            Draft saved = models.saveDraft(document.draftId(), document.name() == null ? "decision" : document.name(),
                    ModelKind.DMN, xml, CurrentUser.get());
            document = new ProcessDesignerView.Document(saved.name(), saved.id(), null, false);
            showDocument();
            drafts.refresh();
            notify(getTranslation("modeler.draft.saved", saved.name()), NotificationVariant.LUMO_SUCCESS, "draft-saved");
        } catch (ModelRejected e) {
            error("modeler.error.rejected", ModelImport.reason(this, e), e.getMessage());
        } catch (ApiException e) {
            error("modeler.error.save", e.getMessage());
        }
    }

    private void confirmDeploy(String xml) {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("modeler.deploy.title"),
                getTranslation("modeler.deploy.text", document.name()), getTranslation("modeler.deploy"),
                e -> deploy(xml));
        confirm.setId("confirm-deploy");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("modeler.cancel"));
        confirm.open();
    }

    Optional<Deployment> deploy(String xml) {
        try {
            Deployment deployment = models.deploy(document.name(),
                    List.of(new ModelFile(fileName(), ModelKind.DMN, xml)), CurrentUser.get());
            problems.clearServerProblems();
            deployment.definitions().stream().findFirst().ifPresent(d -> {
                notify(getTranslation("modeler.deploy.done", d.key(), d.version()), NotificationVariant.LUMO_SUCCESS,
                        "deployed");
                versions.refresh(d.key());
                document = new ProcessDesignerView.Document(d.key() + " v" + d.version(), null, d, false);
                showDocument();
            });
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

    private void exportFailed(String message) {
        error("modeler.error.export", message);
    }

    private void error(String key, Object... params) {
        notify(getTranslation(key, params), NotificationVariant.LUMO_ERROR, "designer-error");
    }

    private void notify(String text, NotificationVariant variant, String id) {
        Notification n = new Notification(text, variant == NotificationVariant.LUMO_ERROR ? 10000 : 5000,
                Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
        n.setId(id);
        n.open();
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        title.setText(getTranslation("modeler.decisions.title"));
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
        return getTranslation("modeler.decisions.title");
    }

    ProcessDesignerView.Document document() {
        return document;
    }
}
