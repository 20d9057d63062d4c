package io.refinery.designer.demand;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.refinery.designer.UiTestSupport;
import io.refinery.engine.dataset.DatasetRepository;
import io.refinery.engine.dataset.DemandList;
import io.refinery.engine.dataset.DemandService;
import io.refinery.workflows.Processes;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DemandViewTest extends UiTestSupport {
    @Autowired
    TaskService tasks;
    @Autowired
    DatasetRepository datasets;

    @Test
    void shouldListTheDemandAndOpenItsPageWithTheApprovalTaskAndItsSources() {
        String name = "demand-page-" + System.nanoTime();
        DemandService.Started started = fileDemand(name);
        String approval = tasks.createTaskQuery().processInstanceId(started.processInstanceId())
                .taskDefinitionKey(Processes.Steps.DEMAND_APPROVAL).singleResult().getId();

        signIn("manager");
        UI.getCurrent().navigate("demands");
        @SuppressWarnings("unchecked")
        Grid<DemandList.Row> grid = _get(Grid.class, spec -> spec.withId("demands"));
        int row = IntStream.range(0, GridKt._size(grid)).filter(i -> GridKt._get(grid, i).name().equals(name))
                .findFirst().orElseThrow();
        DemandList.Row shown = GridKt._get(grid, row);
        assertThat(shown.state()).isEqualTo(DemandList.State.RUNNING);
        assertThat(GridKt._getFormatted(grid, row, "process"))
                .isEqualTo("dataset-construction v" + started.processVersion());
        assertThat(GridKt._getFormatted(grid, row, "tasks")).isEqualTo("1");

        GridKt._clickItem(grid, row);

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath())
                .isEqualTo("demands/" + started.versionId());
        assertThat(_get(H2.class, spec -> spec.withId("demand-title")).getText()).isEqualTo(name);
        assertThat(_find(Anchor.class)).anySatisfy(a -> {
            assertThat(a.getHref()).isEqualTo("decision/" + approval);
            assertThat(a.getText()).isEqualTo("Approve demand");
        });
        Div sources = _get(Div.class, spec -> spec.withId("demand-sources"));
        assertThat(_get(sources, Span.class, spec -> spec.withId("demand-source-summary-summary")).getText())
                .isEqualTo("0 files · 0 rows collected · 0 bad rows in quarantine");
        assertThat(_find(Button.class, spec -> spec.withId("demand-revise"))).as("not sent back").isEmpty();
    }

    @Test
    void shouldDrawTheRunningStepsProgressAndRefreshItWhileTheRunGoesOn() {
        DemandService.Started started = fileDemand("demand-progress-" + System.nanoTime());
        datasets.putProgress(started.versionId(), "collect", "{\"rows\":412300,\"done\":40000000,"
                + "\"total\":80000000,\"unit\":\"bytes\",\"rowsPerSecond\":36800.4,\"secondsLeft\":15,"
                + "\"running\":true}");

        signIn("manager");
        UI.getCurrent().navigate("demands/" + started.versionId());

        Div panel = _get(Div.class, spec -> spec.withId("demand-progress"));
        assertThat(panel.isVisible()).isTrue();
        ProgressBar bar = _get(panel, ProgressBar.class);
        assertThat(bar.getValue()).isEqualTo(0.5);
        assertThat(bar.isIndeterminate()).isFalse();
        assertThat(_find(panel, Span.class)).extracting(Span::getText).contains("Collect",
                "412,300 rows · 36,800 rows/s · 50 % · about 15 s left");
        assertThat(UI.getCurrent().getPollInterval()).as("looks again while the run goes on")
                .isEqualTo(StepProgressPanel.POLL_MS);

        // the worker's next report reaches the page at the next poll, not only on reload
        datasets.putProgress(started.versionId(), "collect", "{\"rows\":999900,\"done\":80000000,"
                + "\"total\":80000000,\"unit\":\"bytes\",\"rowsPerSecond\":36787,\"secondsLeft\":0,"
                + "\"running\":false}");
        ComponentUtil.fireEvent(UI.getCurrent(), new PollEvent(UI.getCurrent(), false));
        assertThat(_find(panel, Span.class)).extracting(Span::getText)
                .contains("done: 999,900 rows, 36,787 rows/s on average");
        assertThat(_get(panel, ProgressBar.class).getValue()).isEqualTo(1.0);
    }

    /**
     * The run drawn on its own process: the steps it passed, where it is, the running step's progress under it and
     * the same poll moving it on.
     */
    @Test
    void shouldDrawTheRunOnItsProcessWithTheRunningStepsProgress() throws Exception {
        DemandService.Started started = fileDemand("demand-run-" + System.nanoTime());
        String approval = tasks.createTaskQuery().processInstanceId(started.processInstanceId())
                .taskDefinitionKey(Processes.Steps.DEMAND_APPROVAL).singleResult().getId();
        tasks.complete(approval, java.util.Map.of("approved", true));
        datasets.putProgress(started.versionId(), "collect", "{\"rows\":412300,\"done\":40000000,"
                + "\"total\":80000000,\"unit\":\"bytes\",\"rowsPerSecond\":36800.4,\"secondsLeft\":15,"
                + "\"running\":true}");

        signIn("manager");
        UI.getCurrent().navigate("demands/" + started.versionId());

        RunDiagram diagram = _get(RunDiagram.class, spec -> spec.withId("demand-run-diagram"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var marks = json.readTree(diagram.marks());
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> byElement = new java.util.HashMap<>();
        marks.forEach(m -> byElement.put(m.path("elementId").asText(), m));
        assertThat(byElement.get("demandApproval").path("active").asBoolean()).as("passed").isFalse();
        var collect = byElement.get(Processes.Steps.COLLECT);
        assertThat(collect.path("active").asBoolean()).as("the run is here").isTrue();
        assertThat(collect.path("fraction").asDouble()).isEqualTo(0.5);
        assertThat(collect.path("text").asText()).isEqualTo("412,300 rows · 36,800 rows/s · 50 % · about 15 s left");
        assertThat(byElement).as("not reached yet").doesNotContainKey(Processes.Steps.PROCESS);

        datasets.putProgress(started.versionId(), "collect", "{\"rows\":999900,\"done\":80000000,"
                + "\"total\":80000000,\"unit\":\"bytes\",\"rowsPerSecond\":36787,\"secondsLeft\":0,"
                + "\"running\":false}");
        ComponentUtil.fireEvent(UI.getCurrent(), new PollEvent(UI.getCurrent(), false));
        assertThat(diagram.marks()).as("the next poll moves the marks")
                .contains("done: 999,900 rows, 36,787 rows/s on average");
    }

    @Test
    void shouldOpenTheNewDemandFormFromTheList() {
        signIn("manager");
        UI.getCurrent().navigate("demands");
        _click(_get(Button.class, spec -> spec.withId("demand-new")));
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("demands/new");
    }
}
