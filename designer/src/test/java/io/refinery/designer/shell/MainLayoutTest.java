package io.refinery.designer.shell;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.refinery.designer.UiTestSupport;
import io.refinery.designer.inbox.TasksView;
import io.refinery.engine.tasks.TaskView;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MainLayoutTest extends UiTestSupport {

    @Test
    void shouldShowTheSignedInUsersName() {
        signIn("manager");
        UI.getCurrent().navigate(TasksView.class);

        assertThat(_get(Span.class, spec -> spec.withId("current-user")).getElement().getTextRecursively())
                .isEqualTo("Mia Manager 王经理 (manager)");
    }

    @Test
    void shouldSwitchTheLanguageToChineseAndBack() {
        String pid = fileDemand("language-switch-test").processInstanceId();
        signIn("manager");
        UI.getCurrent().setLocale(Locale.ENGLISH);
        UI.getCurrent().navigate(TasksView.class);
        assertThat(_get(H2.class).getText()).isEqualTo("My tasks");

        _click(_get(Button.class, spec -> spec.withId("language-zh")));

        assertThat(UI.getCurrent().getLocale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(_get(H2.class).getText()).isEqualTo("我的任务");
        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel))
                .containsExactly("我的任务", "需求", "新建需求", "数据目录", "流程设计器", "质检决策", "定时计划");
        assertThat(_get(Button.class, spec -> spec.withId("logout")).getText()).isEqualTo("退出登录");
        assertThat(_get(Span.class, spec -> spec.withId("task-count")).getText()).matches("共 \\d+ 个待办任务");
        Grid<TaskView> grid = tasksGrid();
        assertThat(grid.getColumnByKey("name").getHeaderText()).isEqualTo("任务");
        int row = IntStream.range(0, GridKt._size(grid))
                .filter(i -> pid.equals(GridKt._get(grid, i).processInstanceId())).findFirst().orElseThrow();
        assertThat(GridKt._getFormatted(grid, row, "name")).isEqualTo("审批需求");
        assertThat(GridKt._getFormatted(grid, row, "kind")).isEqualTo("需求审批");
        assertThat(_get(Button.class, spec -> spec.withId("language-zh")).isEnabled()).isFalse();

        _click(_get(Button.class, spec -> spec.withId("language-en")));

        assertThat(_get(H2.class).getText()).isEqualTo("My tasks");
        assertThat(grid.getColumnByKey("name").getHeaderText()).isEqualTo("Task");
    }

    @SuppressWarnings("unchecked")
    private static Grid<TaskView> tasksGrid() {
        return _get(Grid.class, spec -> spec.withId("tasks"));
    }
}
