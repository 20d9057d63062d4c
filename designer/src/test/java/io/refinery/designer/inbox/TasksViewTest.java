package io.refinery.designer.inbox;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.refinery.designer.UiTestSupport;
import io.refinery.designer.login.LoginView;
import io.refinery.engine.labeling.TaskView;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksViewTest extends UiTestSupport {
    private static final String DATASET = "inbox-test-reviews";
    private String processInstanceId;

    @BeforeAll
    void fileOneDemand() {
        processInstanceId = fileDemand(DATASET).processInstanceId();
    }

    @Test
    void shouldShowTheManagerTheDemandToApprove() {
        signIn("manager");
        UI.getCurrent().navigate(TasksView.class);

        Grid<TaskView> grid = tasksGrid();
        int row = rowOfThisDemand(grid);
        assertThat(row).as("the approval task of %s", processInstanceId).isNotNegative();
        assertThat(GridKt._getFormatted(grid, row, "name")).isEqualTo("Approve demand");
        assertThat(GridKt._getFormatted(grid, row, "kind")).isEqualTo("Demand approval");
        assertThat(GridKt._getFormatted(grid, row, "dataset")).isEqualTo(DATASET);
        assertThat(GridKt._getFormatted(grid, row, "round")).isEqualTo("1");
        assertThat(GridKt._getFormatted(grid, row, "assignee")).isEqualTo("unclaimed · managers");
        assertThat(GridKt._getFormatted(grid, row, "created")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");
        assertThat(taskCount()).isEqualTo(countText(GridKt._size(grid)));
    }

    @Test
    void shouldNotShowTheAnnotatorTheDemandToApprove() {
        signIn("ann1");
        UI.getCurrent().navigate(TasksView.class);

        Grid<TaskView> grid = tasksGrid();
        assertThat(rowOfThisDemand(grid)).isEqualTo(-1);
        List<String> kinds = IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i).kind()).toList();
        assertThat(kinds).as("an annotator gets label tasks only").allMatch("label"::equals);
        assertThat(taskCount()).isEqualTo(countText(GridKt._size(grid)));
    }

    @Test
    void shouldSendAnAnonymousVisitorToTheLoginPage() {
        UI.getCurrent().navigate(TasksView.class);

        _get(LoginView.class);
    }

    @SuppressWarnings("unchecked")
    private static Grid<TaskView> tasksGrid() {
        return _get(Grid.class, spec -> spec.withId("tasks"));
    }

    private int rowOfThisDemand(Grid<TaskView> grid) {
        return IntStream.range(0, GridKt._size(grid))
                .filter(i -> processInstanceId.equals(GridKt._get(grid, i).processInstanceId()))
                .findFirst().orElse(-1);
    }

    private static String taskCount() {
        return _get(Span.class, spec -> spec.withId("task-count")).getText();
    }

    private static String countText(int n) {
        return n == 0 ? "No open tasks" : n == 1 ? "1 open task" : n + " open tasks";
    }
}
