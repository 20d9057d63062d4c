package io.refinery.designer.modeler;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.QueryParameters;
import io.refinery.designer.UiTestSupport;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.modeling.DeployedDefinition;
import io.refinery.engine.modeling.DeployedModels;
import io.refinery.engine.modeling.Deployment;
import io.refinery.engine.modeling.ModelDrafts;
import io.refinery.engine.modeling.ModelFile;
import io.refinery.engine.modeling.ModelKind;
import io.refinery.engine.modeling.ProcessModels;
import io.refinery.engine.system.CurrentUser;
import io.refinery.workflows.Processes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The designer views without a browser (the JS editors do not run here): who may open them, what the toolbar offers,
 * and the server side of each action, called as the browser's answer would call it.
 */
class ProcessDesignerViewTest extends UiTestSupport {
    @Autowired
    private ProcessModels models;
    @Autowired
    private ModelDrafts drafts;
    @Autowired
    private DeployedModels deployed;
    @Autowired
    private RuntimeService runtime;

    @Test
    void shouldNotLetAnAnnotatorOrAnExpertIntoTheDesigners() {
        for (String user : List.of("ann1", "expert")) {
            signIn(user);
            assertThatThrownBy(() -> UI.getCurrent().navigate(ProcessDesignerView.class))
                    .hasRootCauseInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> UI.getCurrent().navigate(DecisionEditorView.class))
                    .hasRootCauseInstanceOf(AccessDeniedException.class);
            _assertNone(ProcessDesignerView.class);
        }
    }

    @Test
    void shouldOpenTheDefaultTemplateWithTheToolbarForAManager() {
        signIn("manager");
        UI.getCurrent().navigate(ProcessDesignerView.class);
        ProcessDesignerView view = _get(ProcessDesignerView.class);

        assertThat(view.document().name()).isEqualTo("collect-prelabel");
        assertThat(_get(Span.class, spec -> spec.withId("document-name")).getText()).isEqualTo("collect-prelabel");
        for (String id : List.of("save-draft", "validate", "export", "undo", "redo", "zoom-in", "zoom-out", "fit")) {
            assertThat(_get(Button.class, spec -> spec.withId(id)).isEnabled()).as(id).isTrue();
        }
        assertThat(_get(Button.class, spec -> spec.withId("deploy")).isEnabled()).as("deploy before validation")
                .isFalse();
        assertThat(_get(Button.class, spec -> spec.withId("start-test")).isEnabled()).isFalse();
        assertThat(_get(Button.class, spec -> spec.withId("validate")).getText()).isEqualTo("Validate");
    }

    @Test
    void shouldEnableDeployOnlyAfterACleanValidationAndDeployANewVersion() {
        signIn("admin");
        UI.getCurrent().navigate("processes/designer", QueryParameters.of("template", "collect-prelabel"));
        ProcessDesignerView view = _get(ProcessDesignerView.class);
        String xml = models.templateXml("collect-prelabel");

        view.validate(xml.replace("camunda:historyTimeToLive=\"180\"", ""));
        assertThat(view.deployButton().isEnabled()).isFalse();
        assertThat(view.problems().shown()).isNotEmpty();

        view.validate(xml);
        // no error left; what a dataset process would still need is listed as warnings, and deploying is allowed
        assertThat(view.problems().shown()).noneMatch(ProblemList.Shown::error)
                .allMatch(p -> ProblemList.DATASET_CONTRACT.equals(p.source()))
                .anySatisfy(p -> assertThat(p.message()).contains("has no process"))
                // without the process step nothing sets itemCount for pre-label and for planning the round
                .anySatisfy(p -> assertThat(p.message()).contains("Plan labelling round").contains("itemCount"));
        assertThat(_get(Span.class, spec -> spec.withId("dataset-contract")).getText())
                .isEqualTo("Plain process: 3 pieces missing for a dataset");
        assertThat(view.deployButton().isEnabled()).isTrue();

        int before = deployed.versions("collect-prelabel").size();
        Deployment deployment = view.deploy(xml).orElseThrow();
        assertThat(deployment.definitions()).extracting(d -> d.key()).containsExactly("collect-prelabel");
        assertThat(deployed.versions("collect-prelabel")).hasSize(before + 1);
        assertThat(_get(Button.class, spec -> spec.withId("start-test")).isEnabled()).isTrue();
        NotificationsKt.expectNotifications("1 problem to fix before deploying", "No problems found: ready to deploy",
                "Deployed collect-prelabel version " + deployment.definitions().get(0).version());
    }

    @Test
    void shouldSaveADraftUnderTheOpenDocumentAndOverwriteItNextTime() {
        signIn("manager");
        UI.getCurrent().navigate("processes/designer", QueryParameters.of("template", "collect-prelabel"));
        ProcessDesignerView view = _get(ProcessDesignerView.class);
        String xml = models.templateXml("collect-prelabel");

        view.saveDraft(xml);
        String id = view.document().draftId();
        assertThat(id).isNotNull();
        view.saveDraft(xml.replace("Collect and pre-label", "Collect and pre-label again"));

        assertThat(view.document().draftId()).isEqualTo(id);
        assertThat(drafts.draft(id).xml()).contains("Collect and pre-label again");
        assertThat(drafts.draft(id).savedBy()).isEqualTo("manager");
        assertThat(_get(Span.class, spec -> spec.withId("document-name")).getText())
                .isEqualTo("Draft \u00b7 collect-prelabel");
    }

    @Test
    void shouldSayWhyAnImportWasRefusedByItsCode() {
        signIn("manager");
        UI.getCurrent().navigate(ProcessDesignerView.class);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">&x;</definitions>";

        _get(ModelImport.class).read("evil.bpmn", new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8)));

        List<String> shown = NotificationsKt.getNotifications().stream()
                .map(n -> n.getElement().getProperty("text")).toList();
        assertThat(shown).singleElement().asString()
                .startsWith("File refused: it refers to an external entity or DTD (XXE), which is never allowed (")
                .contains("evil.bpmn");
    }

    @Test
    void shouldStartATestInstanceOfTheDeployedVersion() {
        signIn("manager");
        UI.getCurrent().navigate("processes/designer", QueryParameters.of("template", "collect-prelabel"));
        ProcessDesignerView view = _get(ProcessDesignerView.class);
        view.deploy(models.templateXml("collect-prelabel")).orElseThrow();

        String id = view.startTestInstance(Map.of("name", "karibu-test", "sample", "customer-service-small"))
                .orElseThrow();

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).singleResult()).isNotNull();
        runtime.deleteProcessInstance(id, "test done"); // its Collect task must not wait for other tests' workers
    }

    @Test
    void shouldOpenTheLatestVersionEditableAndAnOlderOneReadOnlyWithABanner() {
        signIn("manager");
        String xml = models.templateXml("collect-prelabel");
        CurrentUser manager = CurrentUser.get();
        models.deploy("read-only-test", List.of(new ModelFile("read-only-test.bpmn", ModelKind.BPMN,
                xml.replace("id=\"collect-prelabel\"", "id=\"read-only-test\""))), manager);
        models.deploy("read-only-test", List.of(new ModelFile("read-only-test.bpmn", ModelKind.BPMN,
                xml.replace("id=\"collect-prelabel\"", "id=\"read-only-test\"")
                        .replace("Collect and pre-label", "Collect and pre-label, second"))), manager);
        List<DeployedDefinition> versions = deployed.versions("read-only-test");
        DeployedDefinition latest = versions.stream().max(Comparator.comparingInt(DeployedDefinition::version))
                .orElseThrow();
        DeployedDefinition older = versions.stream().min(Comparator.comparingInt(DeployedDefinition::version))
                .orElseThrow();

        UI.getCurrent().navigate("processes/designer", QueryParameters.of("definition", older.definitionId()));
        ProcessDesignerView view = _get(ProcessDesignerView.class);
        assertThat(view.document().readOnly()).isTrue();
        assertThat(_get(Div.class, spec -> spec.withId("read-only-banner")).isVisible()).isTrue();
        assertThat(_get(Button.class, spec -> spec.withId("save-draft")).isEnabled()).isFalse();
        assertThat(_get(Button.class, spec -> spec.withId("validate")).isEnabled()).isFalse();
        assertThat(_get(Button.class, spec -> spec.withId("start-test")).isEnabled()).isTrue();

        view.openVersion(latest);
        assertThat(view.document().readOnly()).isFalse();
        _assertNone(Div.class, spec -> spec.withId("read-only-banner")); // hidden
        assertThat(_get(Button.class, spec -> spec.withId("save-draft")).isEnabled()).isTrue();
    }

    @Test
    void shouldDrawTheRunsOfADeployedVersionOnItsDiagram() {
        String name = "counts-" + System.nanoTime();
        DemandService.Started demand = fileDemand(name);
        String definitionId = runtime.createProcessInstanceQuery().processInstanceId(demand.processInstanceId())
                .singleResult().getProcessDefinitionId();
        DeployedDefinition definition = deployed.versions(Processes.DATASET_CONSTRUCTION).stream()
                .filter(d -> d.definitionId().equals(definitionId)).findFirst().orElseThrow();

        signIn("manager");
        UI.getCurrent().navigate("processes/designer",
                QueryParameters.of("definition", definition.definitionId()));
        ProcessDesignerView view = _get(ProcessDesignerView.class);

        String counts = view.modeler().counts();
        assertThat(counts).contains("\"elementId\":\"" + Processes.Steps.DEMAND_APPROVAL + "\"")
                .contains("went through");
        long waiting = runtime.createProcessInstanceQuery().processDefinitionId(definitionId)
                .activityIdIn(Processes.Steps.DEMAND_APPROVAL).count();
        assertThat(counts).contains(waiting + " running here");

        view.openTemplate("collect-prelabel"); // a template is no deployed version: no badges
        assertThat(view.modeler().counts()).isEqualTo("[]");
    }

    @Test
    void shouldShowTheDesignerInChinese() {
        signIn("manager");
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        UI.getCurrent().navigate(ProcessDesignerView.class);

        assertThat(_get(Button.class, spec -> spec.withId("validate")).getText()).isEqualTo("校验");
        assertThat(_get(Button.class, spec -> spec.withId("deploy")).getText()).isEqualTo("部署");
        // bpmn-js itself (palette, menus, properties panel) is told the language with the step and lint texts
        BpmnModeler modeler = _get(ProcessDesignerView.class).modeler();
        assertThat(modeler.texts()).contains("\"language\":\"zh\"");

        UI.getCurrent().setLocale(Locale.ENGLISH);
        assertThat(modeler.texts()).contains("\"language\":\"en\"");
    }

    @Test
    void shouldOpenTheDeployedQcGateDecisionInTheDecisionEditor() {
        signIn("manager");
        UI.getCurrent().navigate(DecisionEditorView.class);
        DecisionEditorView view = _get(DecisionEditorView.class);

        assertThat(view.document().definition()).isNotNull();
        assertThat(view.document().definition().key()).isEqualTo("qc-gate");
        assertThat(view.document().readOnly()).isFalse();
        assertThat(_get(Button.class, spec -> spec.withId("deploy")).isEnabled()).isTrue();
    }
}
