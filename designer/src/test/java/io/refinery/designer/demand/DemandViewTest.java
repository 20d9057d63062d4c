package io.refinery.designer.demand;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import io.refinery.designer.UiTestSupport;
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
    void shouldOpenTheNewDemandFormFromTheList() {
        signIn("manager");
        UI.getCurrent().navigate("demands");
        _click(_get(Button.class, spec -> spec.withId("demand-new")));
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("demands/new");
    }
}
