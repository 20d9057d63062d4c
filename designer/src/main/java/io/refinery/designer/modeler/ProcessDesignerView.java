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
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.refinery.designer.i18n.RefineryI18n;
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
import io.refinery.engine.modeling.Validation;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process designer: bpmn-js with the dataset steps, opened on a template, a draft or a deployed version (old
 * versions read-only). Save draft, validate (browser lint + the engine's parse), deploy as a new version, start a
 * test instance, import and export files. The engine stores everything ({@link ProcessModels}); the view only keeps
 * which document is open.
 *
 * <p>Opened with {@code ?template=<name>}, {@code ?draft=<id>} or {@code ?definition=<definitionId>}; with nothing,
 * the first template.
 */
@Route(value = "processes/designer", layout = MainLayout.class)
@Menu(title = "nav.designer", icon = "vaadin:connect-o", order = 40)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class ProcessDesignerView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle,
        LocaleChangeObserver {
    static final String DEFAULT_TEMPLATE = "collect-prelabel";

    /** What is open: a name to show and save under, the draft it came from, the definition it came from. */
    record Document(String name, String draftId, DeployedDefinition definition, boolean readOnly) {
        String fileName() {
            String base = name == null || name.isBlank() ? "process" : name;
            return base.replaceAll("[^\\p{L}\\p{N}._-]+", "-") + ".bpmn";
        }
    }

    private final transient ProcessModels models;
    private final BpmnModeler modeler = new BpmnModeler();
    private final H2 title = new H2();
    private final Span documentName = new Span();
    private final Div readOnlyBanner = new Div();
    private final Select<String> templates = new Select<>();
    private final Button newFromTemplate = new Button(VaadinIcon.FILE_ADD.create());
    private final Button saveDraft = new Button(VaadinIcon.DOWNLOAD_ALT.create());
    private final Button validate = new Button(VaadinIcon.CHECK_SQUARE_O.create());
    private final Button deploy = new Button(VaadinIcon.ROCKET.create());
    private final Button startTest = new Button(VaadinIcon.PLAY.create());
    private final Button export = new Button(VaadinIcon.UPLOAD_ALT.create());
    private final Button undo = iconButton(VaadinIcon.ROTATE_LEFT, "undo");
    private final Button redo = iconButton(VaadinIcon.ROTATE_RIGHT, "redo");
    private final Button zoomIn = iconButton(VaadinIcon.PLUS, "zoom-in");
    private final Button zoomOut = iconButton(VaadinIcon.MINUS, "zoom-out");
    private final Button fit = iconButton(VaadinIcon.EXPAND_SQUARE, "fit");
    private final ModelImport importer;
    private final ProblemList problems = new ProblemList(modeler::selectElement);
    private final DraftsPanel drafts;
    private final VersionsPanel versions;
    private final TabSheet side = new TabSheet();
    private Document document = new Document(null, null, null, false);
    private String validatedXml;
    private DeployedDefinition deployed;

    ProcessDesignerView(ProcessModels models) {
        this.models = models;
        this.drafts = new DraftsPanel(models, ModelKind.BPMN, this::openDraft);
        this.versions = new VersionsPanel(models, ModelKind.BPMN, this::openVersion);
        this.importer = new ModelImport(models, this::imported);
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        getStyle().set("padding", "0 var(--lumo-space-m) var(--lumo-space-s)");
        WideView.closeDrawerWhileAttached(this);
        configureModeler();
        configureToolbar();
        configureBody();
    }

    private void configureModeler() {
        modeler.setId("modeler");
        modeler.setSizeFull();
        modeler.onLintChanged(problems::setLint);
        modeler.onDiagramChanged(this::diagramChanged);
        modeler.setTemplates(models.elementTemplates());
    }

    private void configureToolbar() {
        title.getStyle().set("margin", "var(--lumo-space-s) 0");
        documentName.setId("document-name");
        documentName.getStyle().set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout heading = new HorizontalLayout(title, documentName);
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        templates.setId("template-select");
        templates.setItems(models.templateNames().stream().filter(n -> !n.endsWith("-decision")).toList());
        templates.setValue(templates.getListDataView().getItems().findFirst().orElse(null));
        templates.setWidth("190px");
        newFromTemplate.setId("new-from-template");
        newFromTemplate.addClickListener(e -> openTemplate(templates.getValue()));
        saveDraft.setId("save-draft");
        saveDraft.addClickListener(e -> saveDraft());
        validate.setId("validate");
        validate.addClickListener(e -> validate());
        deploy.setId("deploy");
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        deploy.addClickListener(e -> confirmDeploy());
        startTest.setId("start-test");
        startTest.addClickListener(e -> askTestInstance());
        export.setId("export");
        export.addClickListener(e -> modeler.download(document.fileName()));
        undo.addClickListener(e -> modeler.undo());
        redo.addClickListener(e -> modeler.redo());
        zoomIn.addClickListener(e -> modeler.zoomIn());
        zoomOut.addClickListener(e -> modeler.zoomOut());
        fit.addClickListener(e -> modeler.fit());

        HorizontalLayout toolbar = new HorizontalLayout(templates, newFromTemplate, separator(), saveDraft, validate,
                deploy, startTest, separator(), importer, export, separator(), undo, redo, zoomIn, zoomOut, fit);
        toolbar.setId("designer-toolbar");
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        toolbar.getStyle().set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)");
        toolbar.setSpacing(false);

        readOnlyBanner.setId("read-only-banner");
        readOnlyBanner.getStyle().set("background", "var(--lumo-warning-color-10pct, #fff3cd)")
                .set("border-left", "4px solid var(--lumo-warning-color, #f0ad4e)").set("padding", "4px 10px")
                .set("margin", "4px 0").set("font-size", "var(--lumo-font-size-s)");
        readOnlyBanner.setVisible(false);
        add(heading, toolbar, readOnlyBanner);
    }

    private void configureBody() {
        Div host = new Div(modeler); // a plain Div, not a layout's slot (STACK.md)
        host.setId("modeler-host");
        host.setWidthFull();
        host.getStyle().set("flex", "1 1 auto").set("min-height", "320px").set("display", "flex");
        side.setId("designer-side");
        side.setWidthFull();
        side.setHeight("210px");
        side.getStyle().set("flex", "0 0 210px");
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
        add(host, side);
        setFlexGrow(1, host);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        Optional<String> draft = query.getSingleParameter("draft");
        Optional<String> definition = query.getSingleParameter("definition");
        Optional<String> template = query.getSingleParameter("template");
        try {
            if (draft.isPresent()) {
                openDraft(models.draft(draft.get()));
            } else if (definition.isPresent()) {
                versions.refresh(null);
                models.versions(null).stream().filter(d -> d.definitionId().equals(definition.get())).findFirst()
                        .ifPresentOrElse(this::openVersion, () -> error("modeler.error.not-found", definition.get()));
            } else {
                openTemplate(template.orElse(templates.getValue() == null ? DEFAULT_TEMPLATE : templates.getValue()));
            }
        } catch (ApiException e) {
            error("modeler.error.not-found", e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------- open

    void openTemplate(String name) {
        if (name == null) {
            return;
        }
        templates.setValue(name);
        open(models.templateXml(name), new Document(name, null, null, false));
    }

    private void openDraft(DraftSummary summary) {
        openDraft(models.draft(summary.id()));
    }

    void openDraft(Draft draft) {
        open(draft.xml(), new Document(draft.name(), draft.id(), null, false));
    }

    void openVersion(DeployedDefinition definition) {
        boolean readOnly = !versions.isLatest(definition);
        String name = definition.key() + " v" + definition.version();
        open(models.definitionXml(definition.definitionId()), new Document(name, null, definition, readOnly));
        deployed = definition;
        startTest.setEnabled(true);
    }

    private void imported(ModelFile file) {
        if (file.kind() == ModelKind.DMN) {
            DecisionEditorView.handOver(file);
            getUI().ifPresent(ui -> ui.navigate(DecisionEditorView.class));
            return;
        }
        String name = file.fileName().replaceFirst("\\.(bpmn|xml|bpmn20\\.xml)$", "");
        open(file.xml(), new Document(name, null, null, false));
    }

    private void open(String xml, Document next) {
        document = next;
        deployed = null;
        validatedXml = null;
        problems.setLint(List.of());
        problems.clearServerProblems();
        modeler.open(xml, next.readOnly(), () -> { }, message -> error("modeler.error.import", message));
        showDocument();
    }

    private void showDocument() {
        documentName.setText(document.name() == null ? "" : document.draftId() != null
                ? getTranslation("modeler.document.draft", document.name())
                : document.definition() != null ? getTranslation("modeler.document.version", document.name())
                : document.name());
        readOnlyBanner.setVisible(document.readOnly());
        boolean editable = !document.readOnly();
        saveDraft.setEnabled(editable);
        validate.setEnabled(editable);
        undo.setEnabled(editable);
        redo.setEnabled(editable);
        deploy.setEnabled(editable && validatedXml != null);
        startTest.setEnabled(deployed != null);
    }

    /** The last validation is about a diagram that no longer exists: deploy waits for a new one. */
    private void diagramChanged() {
        validatedXml = null;
        deploy.setEnabled(false);
        if (!problems.serverProblems().isEmpty()) {
            problems.clearServerProblems();
            modeler.showServerProblems(List.of());
        }
    }

    // ---------------------------------------------------------------------------------------------- drafts

    private void saveDraft() {
        modeler.xml(this::saveDraft, message -> error("modeler.error.export", message));
    }

    void saveDraft(String xml) {
        try {
            Draft saved = models.saveDraft(document.draftId(), draftName(), ModelKind.BPMN, xml, CurrentUser.get());
            document = new Document(saved.name(), saved.id(), null, false);
            showDocument();
            drafts.refresh();
            notify(getTranslation("modeler.draft.saved", saved.name()), NotificationVariant.LUMO_SUCCESS, "draft-saved");
        } catch (ModelRejected e) {
            rejected(e);
        } catch (ApiException e) {
            error("modeler.error.save", e.getMessage());
        }
    }

    private String draftName() {
        return document.name() == null || document.name().isBlank() ? "process" : document.name();
    }

    // ---------------------------------------------------------------------------------------------- validate, deploy

    private void validate() {
        modeler.xml(this::validate, message -> error("modeler.error.export", message));
    }

    /** The engine's checks of {@code xml}, merged with the browser's lint; deploy is enabled when nothing is wrong. */
    Validation validate(String xml) {
        Validation validation = models.validate(List.of(new ModelFile(document.fileName(), ModelKind.BPMN, xml)));
        problems.setServerProblems(validation.problems());
        modeler.showServerProblems(validation.problems().stream().filter(p -> p.elementId() != null)
                .map(p -> Map.of("elementId", p.elementId(), "message", p.message())).toList());
        long errors = problems.errorCount();
        validatedXml = errors == 0 ? xml : null;
        deploy.setEnabled(validatedXml != null && !document.readOnly());
        side.setSelectedTab(side.getTab(problems));
        if (errors == 0) {
            notify(getTranslation("modeler.validation.clean"), NotificationVariant.LUMO_SUCCESS, "validation-result");
        } else {
            notify(getTranslation("modeler.validation.problems", errors), NotificationVariant.LUMO_ERROR,
                    "validation-result");
        }
        return validation;
    }

    private void confirmDeploy() {
        if (validatedXml == null) {
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("modeler.deploy.title"),
                getTranslation("modeler.deploy.text", document.name()), getTranslation("modeler.deploy"),
                e -> deploy(validatedXml));
        confirm.setId("confirm-deploy");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("modeler.cancel"));
        confirm.open();
    }

    Optional<Deployment> deploy(String xml) {
        try {
            Deployment deployment = models.deploy(document.name(),
                    List.of(new ModelFile(document.fileName(), ModelKind.BPMN, xml)), CurrentUser.get());
            deployment.definitions().stream().filter(d -> d.kind() == ModelKind.BPMN).findFirst().ifPresent(d -> {
                deployed = d;
                notify(getTranslation("modeler.deploy.done", d.key(), d.version()), NotificationVariant.LUMO_SUCCESS,
                        "deployed");
            });
            startTest.setEnabled(deployed != null);
            versions.refresh(deployed == null ? null : deployed.key());
            return Optional.of(deployment);
        } catch (ModelInvalid e) {
            validatedXml = null;
            deploy.setEnabled(false);
            problems.setServerProblems(e.validation().problems());
            error("modeler.error.deploy", e.getMessage());
        } catch (ApiException e) {
            error("modeler.error.deploy", e.getMessage());
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------- test instance

    private void askTestInstance() {
        if (deployed == null) {
            return;
        }
        new TestInstanceDialog(deployed.key(), deployed.key() + " v" + deployed.version(), this::startTestInstance).open();
    }

    Optional<String> startTestInstance(Map<String, Object> variables) {
        try {
            String id = models.startTestInstance(deployed.definitionId(), new HashMap<>(variables), CurrentUser.get());
            Notification n = notify(getTranslation("modeler.test.started", id), NotificationVariant.LUMO_SUCCESS,
                    "test-started");
            n.setDuration(15000);
            return Optional.of(id);
        } catch (ApiException | IllegalArgumentException e) {
            error("modeler.error.test", e.getMessage());
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void rejected(ModelRejected e) {
        error("modeler.error.rejected", ModelImport.reason(this, e), e.getMessage());
    }

    private void error(String key, Object... params) {
        notify(getTranslation(key, params), NotificationVariant.LUMO_ERROR, "designer-error");
    }

    private Notification notify(String text, NotificationVariant variant, String id) {
        Notification n = new Notification(text, variant == NotificationVariant.LUMO_ERROR ? 10000 : 5000,
                Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
        n.setId(id);
        n.open();
        return n;
    }

    private static Component separator() {
        Span bar = new Span();
        bar.getStyle().set("width", "1px").set("height", "24px").set("background", "var(--lumo-contrast-20pct)")
                .set("margin", "0 4px");
        return bar;
    }

    private static Button iconButton(VaadinIcon icon, String id) {
        Button button = new Button(icon.create());
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    /** Template id → label in the user's language, for the palette. */
    private Map<String, String> stepLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        StepTemplates.names(models.elementTemplates()).forEach((id, name) ->
                labels.put(id, RefineryI18n.bilingual(name, getLocale())));
        return labels;
    }

    private Map<String, String> lintTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String rule : List.of("no-disconnected", "external-topic", "user-task-assignment", "gateway-conditions",
                "history-ttl")) {
            texts.put(rule, getTranslation("modeler.lint." + rule));
        }
        return texts;
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        title.setText(getTranslation("modeler.title"));
        templates.setLabel(null);
        templates.setPlaceholder(getTranslation("modeler.template"));
        newFromTemplate.setText(getTranslation("modeler.new"));
        saveDraft.setText(getTranslation("modeler.save-draft"));
        validate.setText(getTranslation("modeler.validate"));
        deploy.setText(getTranslation("modeler.deploy"));
        startTest.setText(getTranslation("modeler.test.button"));
        export.setText(getTranslation("modeler.export"));
        undo.setTooltipText(getTranslation("modeler.undo"));
        redo.setTooltipText(getTranslation("modeler.redo"));
        zoomIn.setTooltipText(getTranslation("modeler.zoom-in"));
        zoomOut.setTooltipText(getTranslation("modeler.zoom-out"));
        fit.setTooltipText(getTranslation("modeler.fit"));
        readOnlyBanner.setText(getTranslation("modeler.read-only"));
        side.getTab(problems).setLabel(getTranslation("modeler.tab.problems"));
        side.getTab(drafts).setLabel(getTranslation("modeler.tab.drafts"));
        side.getTab(versions).setLabel(getTranslation("modeler.tab.versions"));
        importer.localize();
        problems.refresh();
        drafts.localize();
        versions.localize();
        modeler.setTexts(stepLabels(), lintTexts());
        showDocument();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("modeler.title");
    }

    // for tests
    Document document() {
        return document;
    }

    ProblemList problems() {
        return problems;
    }

    Button deployButton() {
        return deploy;
    }
}
