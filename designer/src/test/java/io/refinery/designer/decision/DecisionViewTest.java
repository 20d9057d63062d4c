package io.refinery.designer.decision;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import io.refinery.designer.UiTestSupport;
import io.refinery.designer.labeling.TaskRoutes;
import io.refinery.engine.dataset.DemandList;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.tasks.Tasks;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Vars;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class DecisionViewTest extends UiTestSupport {
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    Tasks labeling;
    @Autowired
    ApplicationContext context;
    @Autowired
    DemandList demandList;

    private Task task(String processInstanceId, String key) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
    }

    @Test
    void shouldShowTheDemandAndApproveItFromTheInbox() {
        String name = "decision-approve-" + System.nanoTime();
        DemandService.Started started = fileDemand(name);
        Task approval = task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL);
        assertThat(TaskRoutes.routeOf(labeling.view(approval))).isEqualTo("decision/" + approval.getId());

        signIn("manager");
        UI.getCurrent().navigate("decision/" + approval.getId());
        assertThat(_get(H2.class, spec -> spec.withId("decision-title")).getText())
                .isEqualTo("Approve demand");
        assertThat(_get(Paragraph.class, spec -> spec.withId("decision-description"))
                .getText()).as("written for the manager, not the BPMN documentation").startsWith("Check the demand")
                .doesNotContain("Camunda");
        assertThat(_get(Span.class, spec -> spec.withId("decision-process")).getText())
                .isEqualTo("dataset-construction version " + started.processVersion());
        assertThat(_get(Span.class, spec -> spec.withId("decision-sources-summary")).getText())
                .isEqualTo("0 files · 0 rows collected · 0 bad rows in quarantine");
        assertThat(_find(NumberField.class, spec -> spec.withId("adjust-" + Vars.MIN_VALIDITY))).as("every threshold")
                .hasSize(1);
        assertThat(fact("name")).isEqualTo(name);
        assertThat(fact("taskType")).isEqualTo("text-classification");
        assertThat(_get(NumberField.class, spec -> spec.withId("adjust-targetSize")).getValue()).isEqualTo(100.0);
        assertThat(_find(Button.class, spec -> spec.withId("done"))).isEmpty();

        _click(_get(Button.class, spec -> spec.withId("approve")));

        assertThat(task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL)).isNull();
        assertThat(runtime.getVariable(started.processInstanceId(), Vars.APPROVED)).isEqualTo(true);
        assertThat(history.createHistoricTaskInstanceQuery().taskId(approval.getId()).singleResult().getAssignee())
                .isEqualTo("manager");
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEmpty(); // back to the inbox
    }

    @Test
    void shouldLetTheManagerAdjustTheThresholdsWhenApprovingAndNameAnOutOfRangeOne() {
        DemandService.Started started = fileDemand("decision-adjust-" + System.nanoTime());
        Task approval = task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL);
        Object targetBefore = runtime.getVariable(started.processInstanceId(), Vars.TARGET_SIZE);

        signIn("manager");
        UI.getCurrent().navigate("decision/" + approval.getId());
        _get(NumberField.class, spec -> spec.withId("adjust-" + Vars.MIN_AGREEMENT)).setValue(1.5);
        _click(_get(Button.class, spec -> spec.withId("approve")));
        assertThat(_get(NumberField.class, spec -> spec.withId("adjust-" + Vars.MIN_AGREEMENT)).getErrorMessage())
                .isEqualTo("Agreement (minAgreement) must be between 0 and 1, not 1.5");
        assertThat(_get(Span.class, spec -> spec.withId("decision-error")).getText())
                .isEqualTo("Agreement (minAgreement) must be between 0 and 1, not 1.5");
        assertThat(task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL)).as("still open").isNotNull();

        _get(NumberField.class, spec -> spec.withId("adjust-" + Vars.MIN_AGREEMENT)).setValue(0.9);
        _get(NumberField.class, spec -> spec.withId("adjust-" + Vars.MIN_CLASS_COUNT)).setValue(25.0);
        _click(_get(Button.class, spec -> spec.withId("approve")));

        assertThat(task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL)).isNull();
        assertThat(runtime.getVariable(started.processInstanceId(), Vars.MIN_AGREEMENT)).isEqualTo(0.9);
        assertThat(runtime.getVariable(started.processInstanceId(), Vars.MIN_CLASS_COUNT)).isEqualTo(25.0);
        assertThat(runtime.getVariable(started.processInstanceId(), Vars.TARGET_SIZE)).as("unchanged")
                .isEqualTo(targetBefore);
    }

    @Test
    void shouldStoreEveryChangedThresholdWhenApproving() {
        DemandService.Started started = fileDemand("decision-thresholds-" + System.nanoTime());
        Task approval = task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL);

        signIn("manager");
        UI.getCurrent().navigate("decision/" + approval.getId());
        _get(NumberField.class, spec -> spec.withId("adjust-" + Vars.MIN_IOU)).setValue(0.9);
        _get(NumberField.class, spec -> spec.withId("adjust-" + Vars.MIN_CLASS_COUNT)).setValue(25.0);
        _click(_get(Button.class, spec -> spec.withId("approve")));

        assertThat(task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL)).isNull();
        assertThat(runtime.getVariable(started.processInstanceId(), Vars.MIN_IOU)).isEqualTo(0.9);
        assertThat(runtime.getVariable(started.processInstanceId(), Vars.MIN_CLASS_COUNT)).isEqualTo(25.0);
    }

    @Test
    void shouldRejectOnlyForAReasonAndShowItInTheDemandList() {
        DemandService.Started started = fileDemand("decision-reject-" + System.nanoTime());
        Task approval = task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL);

        signIn("manager");
        UI.getCurrent().navigate("decision/" + approval.getId());
        _click(_get(Button.class, spec -> spec.withId("reject")));
        _click(_get(Button.class, spec -> spec.withId("reject-confirm")));
        TextArea reason = _get(TextArea.class, spec -> spec.withId("reject-text"));
        assertThat(reason.isInvalid()).isTrue();
        assertThat(reason.getErrorMessage()).isEqualTo("Required");
        assertThat(task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL)).as("still open").isNotNull();

        reason.setValue("The licence of the sources is unclear");
        _click(_get(Button.class, spec -> spec.withId("reject-confirm")));

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(started.processInstanceId()).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(started.processInstanceId())
                .activityId(Processes.Steps.END_REJECTED).count()).isEqualTo(1);
        DemandList.Row row = demandList.of(started.versionId()).orElseThrow();
        assertThat(row.state()).isEqualTo(DemandList.State.REJECTED);
        assertThat(row.rejectReason()).isEqualTo("The licence of the sources is unclear");
        assertThat(tasks.getProcessInstanceComments(started.processInstanceId())).extracting(c -> c.getFullMessage())
                .containsExactly("The licence of the sources is unclear");
    }

    @Test
    void shouldSendTheDemandBackToItsInitiatorWhoRevisesItForTheManagers() {
        DemandService.Started started = fileDemand("decision-send-back-" + System.nanoTime());
        Task approval = task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL);

        signIn("admin");
        UI.getCurrent().navigate("decision/" + approval.getId());
        _click(_get(Button.class, spec -> spec.withId("send-back")));
        _get(TextArea.class, spec -> spec.withId("send-back-text")).setValue("Aim for 300 items");
        _click(_get(Button.class, spec -> spec.withId("send-back-confirm")));

        Task sentBack = task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL);
        assertThat(sentBack.getAssignee()).as("the initiator").isEqualTo("manager");
        assertThat(tasks.getTaskComments(sentBack.getId())).extracting(c -> c.getFullMessage())
                .containsExactly("Aim for 300 items");
        assertThat(demandList.of(started.versionId()).orElseThrow().changesRequested()).isEqualTo("Aim for 300 items");

        signIn("manager");
        UI.getCurrent().navigate("demands/" + started.versionId());
        assertThat(_get(Paragraph.class, spec -> spec.withId("demand-changes-requested")).getText())
                .isEqualTo("The manager asks: Aim for 300 items");
        _get(IntegerField.class, spec -> spec.withId("demand-targetSize")).setValue(300);
        _get(NumberField.class, spec -> spec.withId("demand-thresholds-" + Vars.MIN_KAPPA)).setValue(0.7);
        _click(_get(Button.class, spec -> spec.withId("demand-revise")));

        Task back = task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL);
        assertThat(back.getAssignee()).as("with the managers again").isNull();
        assertThat(runtime.getVariable(started.processInstanceId(), Vars.TARGET_SIZE)).isEqualTo(300L);
        assertThat(runtime.getVariable(started.processInstanceId(), Vars.MIN_KAPPA)).isEqualTo(0.7);
        assertThat(runtime.getVariable(started.processInstanceId(), Vars.CHANGES_REQUESTED)).isNull();
        assertThat(demandList.demand(started.versionId()).orElseThrow().targetSize()).isEqualTo(300);
    }

    @Test
    void shouldRefuseSomeoneTheTaskIsNotOfferedTo() {
        DemandService.Started started = fileDemand("decision-forbidden-" + System.nanoTime());
        Task approval = task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL);

        signIn("ann1");
        UI.getCurrent().navigate("decision/" + approval.getId());

        assertThat(_get(Span.class, spec -> spec.withId("decision-error")).getText())
                .contains("is not offered to your groups");
        assertThat(_find(Button.class, spec -> spec.withId("approve"))).isEmpty();
        assertThat(task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL)).isNotNull();
    }

    @Test
    void shouldDrawTheClassDistributionsOfADriftAndCloseTheReview() {
        DemandService.Started started = fileDemand("decision-drift-" + System.nanoTime());
        Task review = DriftFixture.overLimit(context, started);
        String run = review.getProcessInstanceId();

        signIn("manager");
        UI.getCurrent().navigate("decision/" + review.getId());
        assertThat(fact("driftSummary")).isEqualTo("PSI 0.879 > 0.2, TVD 0.5 > 0.3");
        assertThat(fact("driftPsi")).isEqualTo("0.879");
        assertThat(fact("driftAnomalyRatio")).isEqualTo("0.013"); // three places
        Div bars = _get(Div.class, spec -> spec.withId("drift-classes"));
        assertThat(_find(bars, Span.class, spec -> spec.withClasses("class-name"))).extracting(Span::getText)
                .containsExactly("billing", "refund");
        assertThat(_find(bars, Span.class, spec -> spec.withClasses("class-delta"))).extracting(Span::getText)
                .containsExactly("-50.0 pp", "+50.0 pp");
        assertThat(_find(bars, Div.class, spec -> spec.withClasses("bar"))).extracting(
                b -> b.getElement().getAttribute("title")).containsExactly("80 (80.0%)", "30 (30.0%)", "20 (20.0%)",
                "70 (70.0%)");

        _click(_get(Button.class, spec -> spec.withId("done")));
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(run)
                .activityId(Processes.DriftSteps.END_REVIEWED).count()).isEqualTo(1);
    }

    @Test
    void shouldSpeakChinese() {
        DemandService.Started started = fileDemand("decision-zh-" + System.nanoTime());
        Task approval = task(started.processInstanceId(), Processes.Steps.DEMAND_APPROVAL);

        signIn("manager");
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        UI.getCurrent().navigate("decision/" + approval.getId());

        assertThat(_get(Button.class, spec -> spec.withId("approve")).getText()).isEqualTo("批准");
        assertThat(_get(Button.class, spec -> spec.withId("reject")).getText()).isEqualTo("驳回");
        assertThat(_find(Span.class, spec -> spec.withText("任务类型"))).hasSize(1);
    }

    private static String fact(String name) {
        return _find(Span.class).stream().filter(s -> name.equals(s.getElement().getAttribute("data-fact")))
                .findFirst().map(Span::getText).orElseThrow(() -> new AssertionError("no fact " + name));
    }
}
