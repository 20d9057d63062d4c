package io.refinery.designer.inbox;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.function.ValueProvider;
import io.refinery.designer.i18n.RefineryI18n;
import io.refinery.engine.tasks.TaskView;
import io.refinery.engine.tasks.InboxQuery;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/** The task grid: server-side paging and sorting over the inbox query, urgency marks, per-row actions. */
class InboxGrid extends Grid<TaskView> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    final Map<String, Column<TaskView>> columns = new LinkedHashMap<>();

    /** What a row's buttons ask for. */
    interface Actions {
        void claim(TaskView task);

        void release(TaskView task);

        void comments(TaskView task);
    }

    InboxGrid(String userId, Actions actions) {
        setId("tasks");
        addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        column("name", t -> RefineryI18n.bilingual(t.name(), getLocale()), "name").setFlexGrow(3);
        column("kind", t -> getTranslation("task.kind." + t.kind()), null);
        column("dataset", TaskView::datasetName, null).setFlexGrow(2);
        column("round", TaskView::round, null);
        column("package", TaskView::packageId, null);
        column("assignee", this::assignee, null).setFlexGrow(2);
        column("created", t -> format(t.created()), "created");
        columns.put("due", addComponentColumn(this::due).setKey("due").setSortable(true).setSortProperty("due").setAutoWidth(true));
        column("priority", TaskView::priority, "priority");
        columns.put("actions", addComponentColumn(t -> actions(t, userId, actions)).setKey("actions").setAutoWidth(true)
                .setFrozenToEnd(true));
        setPartNameGenerator(t -> Urgency.of(t, Instant.now()).className);
        addItemDoubleClickListener(e -> TaskOpener.open(e.getItem()));
        setMultiSort(false);
        setSizeFull();
    }

    private Column<TaskView> column(String key, ValueProvider<TaskView, ?> value, String sortProperty) {
        Column<TaskView> column = addColumn(value).setKey(key).setResizable(true).setAutoWidth(true)
                .setSortable(sortProperty != null);
        if (sortProperty != null) {
            column.setSortProperty(sortProperty);
        }
        columns.put(key, column);
        return column;
    }

    /** Lazy, sorted pages from {@code pages}; {@code base} gives the filters at the time of each fetch. */
    void showPages(java.util.function.Supplier<InboxQuery> base, Function<InboxQuery, Stream<TaskView>> pages,
                   Function<InboxQuery, Integer> count) {
        setItems(q -> pages.apply(sorted(base.get(), q.getSortOrders()).page(q.getOffset(), Math.max(1, q.getLimit()))),
                q -> count.apply(base.get()));
        sort(GridSortOrder.desc(columns.get("priority")).build());
    }

    private static InboxQuery sorted(InboxQuery query, java.util.List<QuerySortOrder> orders) {
        if (orders.isEmpty()) {
            return query.sorted(InboxQuery.Sort.PRIORITY, true);
        }
        QuerySortOrder first = orders.get(0);
        return query.sorted(InboxQuery.sortOf(first.getSorted()), first.getDirection() == SortDirection.DESCENDING);
    }

    private String assignee(TaskView task) {
        return task.assignee() != null ? task.assignee()
                : getTranslation("tasks.unclaimed", String.join(", ", task.candidateGroups()));
    }

    private Span due(TaskView task) {
        Urgency urgency = Urgency.of(task, Instant.now());
        Span due = new Span(format(task.due()));
        if (urgency != Urgency.NONE) {
            due = new Span(urgency.icon(), new Span(getTranslation("tasks.urgency." + urgency.className)), due);
            due.addClassName(urgency.className);
            due.getStyle().set("display", "inline-flex").set("gap", "var(--lumo-space-xs)");
        }
        return due;
    }

    private HorizontalLayout actions(TaskView task, String userId, Actions actions) {
        HorizontalLayout buttons = new HorizontalLayout();
        buttons.setSpacing(false);
        if (task.assignee() == null) {
            buttons.add(button("claim-task", "tasks.claim", VaadinIcon.HAND, () -> actions.claim(task)));
        } else if (task.assignee().equals(userId)) {
            buttons.add(button("open-task", "tasks.open", VaadinIcon.ARROW_RIGHT, () -> TaskOpener.open(task)));
            buttons.add(button("release-task", "tasks.release", VaadinIcon.ARROW_BACKWARD, () -> actions.release(task)));
        }
        buttons.add(button("comments-task", "tasks.comments", VaadinIcon.COMMENTS_O, () -> actions.comments(task)));
        return buttons;
    }

    private Button button(String className, String key, VaadinIcon icon, Runnable action) {
        Button button = new Button(getTranslation(key), icon.create(), e -> action.run());
        button.addClassName(className);
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    private static String format(Date date) {
        return date == null ? "" : TIME.format(date.toInstant());
    }

    void localize() {
        columns.forEach((key, column) -> column.setHeader(getTranslation("tasks.column." + key)));
        setEmptyStateText(getTranslation("tasks.empty"));
    }
}
