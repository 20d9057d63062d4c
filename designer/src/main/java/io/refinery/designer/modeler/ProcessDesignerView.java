package io.refinery.designer.modeler;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.refinery.designer.i18n.RefineryI18n;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.modeling.DeployedDefinition;
import io.refinery.engine.modeling.DeployedModels;
import io.refinery.engine.modeling.ModelDrafts;
import io.refinery.engine.modeling.ModelFile;
import io.refinery.engine.modeling.ModelKind;
import io.refinery.engine.modeling.ProcessCounts;
import io.refinery.engine.modeling.ProcessModels;
import io.refinery.engine.modeling.Validation;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process designer: bpmn-js with the dataset steps in the palette, opened on a template ({@code ?template=}),
 * a draft or a deployed version (older versions read-only). Validate = the browser's lint + the engine's own parse,
 * both in one list and on the elements; Deploy only after a clean validation of the diagram as it is; then a test
 * instance of the deployed version.
 */
@Route(value = "processes/designer", layout = MainLayout.class)
@Menu(title = "nav.designer", icon = "vaadin:connect-o", order = 40)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class ProcessDesignerView extends ModelEditorView {
    static final String DEFAULT_TEMPLATE = "collect-prelabel";
    static final List<String> LINT_RULES = List.of("no-disconnected", "external-topic", "user-task-assignment",
            "gateway-conditions", "history-ttl");

    private final BpmnModeler modeler;
    private final Select<String> templates = new Select<>();
    private final Button newFromTemplate = new Button(VaadinIcon.FILE_ADD.create());
    private final Button validate = new Button(VaadinIcon.CHECK_SQUARE_O.create());
    private final Button startTest = new Button(VaadinIcon.PLAY.create());
    private final Button undo = iconButton(VaadinIcon.ROTATE_LEFT, "undo");
    private final Button redo = iconButton(VaadinIcon.ROTATE_RIGHT, "redo");
    private final Button zoomIn = iconButton(VaadinIcon.PLUS, "zoom-in");
    private final Button zoomOut = iconButton(VaadinIcon.MINUS, "zoom-out");
    private final Button fit = iconButton(VaadinIcon.EXPAND_SQUARE, "fit");
    /** The XML that the last validation found clean; null when it found problems or the diagram changed since. */
    private String validatedXml;
    /** Whether the last validated diagram can build a dataset (a demand may name it). */
    private final Span contract = new Span();
    /** The definition a test instance starts from: the one just deployed or opened. */
    private DeployedDefinition deployed;
    private final transient ProcessCounts counts;

    ProcessDesignerView(ProcessModels models, ModelDrafts drafts, DeployedModels deployed, ProcessCounts counts) {
        super(models, drafts, deployed, ModelKind.BPMN, new BpmnModeler(), "modeler.title");
        this.modeler = (BpmnModeler) editor;
        this.counts = counts;
        modeler.setId("modeler");
        modeler.onLintChanged(problems::setLint);
        modeler.onDiagramChanged(this::diagramChanged);
        modeler.setTemplates(models.elementTemplates());
        templates.setId("template-select");
        templates.setItems(models.templateNames().stream().filter(n -> !n.endsWith("-decision")).toList());
        templates.setWidth("190px");
        newFromTemplate.setId("new-from-template");
        newFromTemplate.addClickListener(e -> openTemplate(templates.getValue()));
        validate.setId("validate");
        validate.addClickListener(e -> modeler.xml(this::validate, this::exportFailed));
        deploy.addClickListener(e -> {
            if (validatedXml != null) {
                confirmDeploy(validatedXml);
            }
        });
        startTest.setId("start-test");
        startTest.addClickListener(e -> askTestInstance());
        undo.addClickListener(e -> modeler.undo());
        redo.addClickListener(e -> modeler.redo());
        zoomIn.addClickListener(e -> modeler.zoomIn());
        zoomOut.addClickListener(e -> modeler.zoomOut());
        fit.addClickListener(e -> modeler.fit());
        contract.setId("dataset-contract");
        contract.setVisible(false);
        layOut(templates, newFromTemplate, separator(), saveDraft, validate, deploy, startTest, separator(), importer,
                export, separator(), undo, redo, zoomIn, zoomOut, fit, contract);
    }

    // ---------------------------------------------------------------------------------------------- open

    @Override
    protected void openDefault(QueryParameters query) {
        openTemplate(query.getSingleParameter("template").orElse(DEFAULT_TEMPLATE));
    }

    void openTemplate(String name) {
        if (name != null) {
            templates.setValue(name);
            open(models.templateXml(name), ModelDocument.named(name));
        }
    }

    @Override
    void openVersion(DeployedDefinition definition) {
        super.openVersion(definition);
        deployed = definition;
        showDocument();
    }

    @Override
    protected void importedOtherKind(ModelFile file) {
        DecisionEditorView.handOver(file);
        getUI().ifPresent(ui -> ui.navigate(DecisionEditorView.class));
    }

    @Override
    protected void open(String xml, ModelDocument next) {
        deployed = null;
        validatedXml = null;
        problems.setLint(List.of());
        super.open(xml, next);
        if (next.definition() != null) {
            showCounts(next.definition());
        }
    }

    /** The runs of a deployed version drawn on its diagram: how many are at each element, went through, failed. */
    private void showCounts(DeployedDefinition definition) {
        if (definition.kind() != ModelKind.BPMN) {
            return;
        }
        List<Map<String, Object>> badges = new ArrayList<>();
        for (ProcessCounts.ActivityCount c : counts.of(definition.definitionId())) {
            badges.add(Map.of("elementId", c.activityId(), "running", c.running(), "finished", c.finished(),
                    "incidents", c.incidents(), "title", getTranslation("modeler.counts.title", c.running(),
                            c.finished(), c.canceled(), c.incidents())));
        }
        modeler.showCounts(Map.of("running", getTranslation("modeler.counts.running"),
                "finished", getTranslation("modeler.counts.finished"),
                "incidents", getTranslation("modeler.counts.incidents")), badges);
    }

    @Override
    protected void showDocument() {
        super.showDocument();
        boolean editable = !document.readOnly();
        validate.setEnabled(editable);
        undo.setEnabled(editable);
        redo.setEnabled(editable);
        deploy.setEnabled(editable && validatedXml != null);
        startTest.setEnabled(deployed != null);
    }

    @Override
    protected void selectElement(String elementId) {
        modeler.selectElement(elementId);
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

    // ---------------------------------------------------------------------------------------------- validate, deploy

    /** The engine's checks of {@code xml}, merged with the browser's lint; deploy is enabled when nothing is wrong. */
    Validation validate(String xml) {
        Validation validation = models.validate(List.of(new ModelFile(document.fileName(kind), kind, xml)),
                CurrentUser.get());
        problems.setServerProblems(validation.problems());
        problems.setContract(validation.contract());
        showContract(validation);
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

    /** Whether demands may choose this process, beside the toolbar; the missing pieces are in the problem list. */
    private void showContract(Validation validation) {
        long missing = validation.contract().stream().mapToLong(r -> r.problems().size()).sum();
        contract.setVisible(!validation.contract().isEmpty());
        contract.setText(validation.datasetProcess() ? getTranslation("modeler.contract.ok")
                : getTranslation("modeler.contract.missing", missing));
        contract.getElement().getThemeList().clear();
        contract.getElement().getThemeList().add(validation.datasetProcess() ? "badge success" : "badge contrast");
        contract.getElement().setAttribute("title", getTranslation(validation.datasetProcess()
                ? "modeler.contract.ok.hint" : "modeler.contract.missing.hint"));
    }

    @Override
    protected void deployed(DeployedDefinition definition) {
        super.deployed(definition);
        deployed = definition;
        validatedXml = null; // deployed: the same diagram again would only be a copy
        deploy.setEnabled(false);
        startTest.setEnabled(true);
    }

    // ---------------------------------------------------------------------------------------------- test instance

    private void askTestInstance() {
        if (deployed != null) {
            new TestInstanceDialog(deployed.key(), deployed.key() + " v" + deployed.version(),
                    this::startTestInstance).open();
        }
    }

    Optional<String> startTestInstance(Map<String, Object> variables) {
        try {
            String id = models.startTestInstance(deployed.definitionId(), new HashMap<>(variables), CurrentUser.get());
            showCounts(deployed);
            notify(getTranslation("modeler.test.started", id), NotificationVariant.LUMO_SUCCESS, "test-started")
                    .setDuration(15000);
            return Optional.of(id);
        } catch (ApiException | IllegalArgumentException e) {
            error("modeler.error.test", e.getMessage());
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------------------------------------- texts

    private static Button iconButton(VaadinIcon icon, String id) {
        Button button = new Button(icon.create());
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        super.localeChange(event);
        templates.setPlaceholder(getTranslation("modeler.template"));
        newFromTemplate.setText(getTranslation("modeler.new"));
        validate.setText(getTranslation("modeler.validate"));
        startTest.setText(getTranslation("modeler.test.button"));
        undo.setTooltipText(getTranslation("modeler.undo"));
        redo.setTooltipText(getTranslation("modeler.redo"));
        zoomIn.setTooltipText(getTranslation("modeler.zoom-in"));
        zoomOut.setTooltipText(getTranslation("modeler.zoom-out"));
        fit.setTooltipText(getTranslation("modeler.fit"));
        Map<String, String> steps = new LinkedHashMap<>();
        StepTemplates.names(models.elementTemplates()).forEach((id, name) ->
                steps.put(id, RefineryI18n.bilingual(name, getLocale())));
        Map<String, String> lint = new LinkedHashMap<>();
        LINT_RULES.forEach(rule -> lint.put(rule, getTranslation("modeler.lint." + rule)));
        modeler.setTexts(getLocale().getLanguage(), steps, lint);
    }

    // for tests
    BpmnModeler modeler() {
        return modeler;
    }
}
