package io.refinery.designer.inbox;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.refinery.designer.i18n.RefineryI18n;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.labeling.LabelingService;
import io.refinery.engine.labeling.TaskView;
import io.refinery.engine.system.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signed-in user's open tasks: their own and the unclaimed ones offered to their groups, as the engine's
 * {@link LabelingService#inbox} decides (annotators see their group's label tasks, managers approvals and
 * escalations).
 */
@Route(value = "", layout = MainLayout.class)
@Menu(title = "nav.tasks", icon = "vaadin:tasks", order = 10)
@PermitAll
public class TasksView extends VerticalLayout implements LocaleChangeObserver, HasDynamicTitle {
    static final int MAX_TASKS = 500;
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final transient LabelingService labeling;
    private final H2 title = new H2();
    private final Span count = new Span();
    private final Button refresh = new Button(VaadinIcon.REFRESH.create(), e -> refresh());
    private final Grid<TaskView> grid = new Grid<>();
    private final Map<String, Grid.Column<TaskView>> columns = new LinkedHashMap<>();
    private int size;

    TasksView(LabelingService labeling) {
        this.labeling = labeling;
        setSizeFull();
        configureGrid();
        count.setId("task-count");
        refresh.setId("refresh-tasks");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout heading = new HorizontalLayout(title, count, refresh);
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(heading, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setId("tasks");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        column("name", t -> RefineryI18n.bilingual(t.name(), getLocale())).setFlexGrow(3);
        column("kind", t -> getTranslation("task.kind." + t.kind()));
        column("dataset", TaskView::datasetName).setFlexGrow(2);
        column("round", TaskView::round);
        column("package", TaskView::packageId);
        column("assignee", this::assignee).setFlexGrow(2);
        column("created", t -> t.created() == null ? "" : CREATED.format(t.created().toInstant()));
        grid.setSizeFull();
        grid.addItemDoubleClickListener(e -> io.refinery.designer.labeling.TaskRoutes.open(e.getItem()));
    }

    private Grid.Column<TaskView> column(String key, ValueProvider<TaskView, ?> value) {
        Grid.Column<TaskView> column = grid.addColumn(value).setKey(key).setResizable(true).setAutoWidth(true);
        columns.put(key, column);
        return column;
    }

    private String assignee(TaskView task) {
        if (task.assignee() != null) {
            return task.assignee();
        }
        return getTranslation("tasks.unclaimed", String.join(", ", task.candidateGroups()));
    }

    /** Reads the inbox again (the engine has the state; the view keeps nothing). */
    void refresh() {
        List<TaskView> tasks = labeling.inbox(CurrentUser.get(), MAX_TASKS);
        size = tasks.size();
        grid.setItems(tasks);
        count.setText(getTranslation("tasks.count", size));
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        title.setText(getTranslation("tasks.title"));
        count.setText(getTranslation("tasks.count", size));
        refresh.setTooltipText(getTranslation("tasks.refresh"));
        grid.setEmptyStateText(getTranslation("tasks.empty"));
        columns.forEach((key, column) -> column.setHeader(getTranslation("tasks.column." + key)));
        grid.getDataProvider().refreshAll();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tasks.title") + " · " + getTranslation("app.name");
    }
}
