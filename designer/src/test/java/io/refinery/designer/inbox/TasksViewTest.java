package io.refinery.designer.inbox;

import io.refinery.engine.tasks.InboxFixture;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.refinery.designer.UiTestSupport;
import io.refinery.designer.login.LoginView;
import io.refinery.engine.tasks.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksViewTest extends UiTestSupport {
    private static final String DATASET = "inbox-test-reviews";
    private String processInstanceId;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;
    private InboxFixture fixture;

    @BeforeAll
    void fileOneDemandAndSomeLabelTasks() {
        processInstanceId = fileDemand(DATASET).processInstanceId();
        fixture = new InboxFixture(repository, runtime, jdbc);
        fixture.deploy();
        fixture.build("ui-late", "annotators", 1, 2, 1, 0, Instant.now().minus(Duration.ofHours(3)), 90);
        fixture.build("ui-bulk", "annotators", 3, 1, 1, 0, Instant.now().plus(Duration.ofDays(5)), 40);
    }

    @Test
    void shouldShowTheManagerTheDemandToApprove() {
        signIn("manager");
        UI.getCurrent().navigate(TasksView.class);

        Grid<TaskView> grid = tasksGrid();
        int row = rowOf(grid, processInstanceId);
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
    void shouldShowTheAnnotatorLabelTasksMarkOverdueOnesAndClaim() {
        signIn("ann1");
        UI.getCurrent().navigate(TasksView.class);

        Grid<TaskView> grid = tasksGrid();
        assertThat(rowOf(grid, processInstanceId)).isEqualTo(-1);
        List<String> kinds = IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i).kind()).toList();
        assertThat(kinds).as("an annotator gets label tasks only").isNotEmpty().allMatch("label"::equals);
        assertThat(taskCount()).isEqualTo(countText(GridKt._size(grid)));

        _get(TextField.class, spec -> spec.withId("filter-dataset")).setValue("ui-late");
        assertThat(GridKt._size(grid)).isEqualTo(2);
        assertThat(chip("chip-overdue")).isEqualTo("Overdue 2");
        Component due = GridKt._getCellComponent(grid, 0, "due");
        assertThat(due.getElement().getClassList()).contains("overdue");
        assertThat(due.getElement().getTextRecursively()).startsWith("Overdue");

        ButtonKt._click(button(GridKt._getCellComponent(grid, 0, "actions"), "claim-task"));
        assertThat(chip("chip-mine")).isEqualTo("Mine 1");
        assertThat(GridKt._size(grid)).as("the package's other slot is for somebody else").isEqualTo(1);
        assertThat(GridKt._getFormatted(grid, 0, "assignee")).isEqualTo("ann1");
        ButtonKt._click(button(GridKt._getCellComponent(grid, 0, "actions"), "release-task"));
        assertThat(chip("chip-mine")).isEqualTo("Mine 0");
    }

    @Test
    void shouldLetTheManagerBulkAssignTasksToAnAnnotator() {
        signIn("manager");
        UI.getCurrent().navigate(TasksView.class);
        Grid<TaskView> grid = tasksGrid();
        _get(Checkbox.class, spec -> spec.withId("filter-team")).setValue(true);
        _get(TextField.class, spec -> spec.withId("filter-dataset")).setValue("ui-bulk");
        @SuppressWarnings("unchecked")
        Select<String> kind = _get(Select.class, spec -> spec.withId("filter-kind"));
        kind.setValue("label");
        assertThat(GridKt._size(grid)).isEqualTo(3);

        grid.select(GridKt._get(grid, 0));
        grid.select(GridKt._get(grid, 1));
        ButtonKt._click(_get(Button.class, spec -> spec.withId("bulk-assign")));
        AssignDialog dialog = _get(AssignDialog.class);
        dialog.person.setValue(dialog.person.getListDataView().getItems()
                .filter(p -> p.id().equals("ann1")).findFirst().orElseThrow());
        ButtonKt._click(_get(Button.class, spec -> spec.withId("assign-confirm")));

        assertThat(IntStream.range(0, 3).mapToObj(i -> GridKt._get(grid, i).assignee()).filter("ann1"::equals)).hasSize(2);
        signIn("ann1");
        UI.getCurrent().navigate(LoginView.class); // a new view for the new user, as after signing in again
        UI.getCurrent().navigate(TasksView.class);
        _get(TextField.class, spec -> spec.withId("filter-dataset")).setValue("ui-bulk");
        assertThat(chip("chip-mine")).isEqualTo("Mine 2");
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

    private static Button button(Component cell, String className) {
        return (Button) cell.getChildren().filter(c -> c.getElement().getClassList().contains(className))
                .findFirst().orElseThrow();
    }

    private static int rowOf(Grid<TaskView> grid, String processInstanceId) {
        return IntStream.range(0, GridKt._size(grid))
                .filter(i -> processInstanceId.equals(GridKt._get(grid, i).processInstanceId()))
                .findFirst().orElse(-1);
    }

    private static String chip(String id) {
        return _get(Span.class, spec -> spec.withId(id)).getElement().getTextRecursively().strip();
    }

    private static String taskCount() {
        return _get(Span.class, spec -> spec.withId("task-count")).getText();
    }

    private static String countText(int n) {
        return n == 0 ? "No open tasks" : n == 1 ? "1 open task" : n + " open tasks";
    }
}
