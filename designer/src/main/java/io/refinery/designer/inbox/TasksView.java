package io.refinery.designer.inbox;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.tasks.Tasks;
import io.refinery.engine.tasks.TaskView;
import io.refinery.engine.tasks.Inbox;
import io.refinery.engine.tasks.InboxPage;
import io.refinery.engine.tasks.InboxQuery;
import io.refinery.engine.tasks.TaskDispatch;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;

/**
 * Where annotators and experts spend their day: their own tasks and their groups' unclaimed ones (managers may
 * widen it to the whole team), filtered, sorted and paged by the engine's {@link Inbox}, with counts, urgency
 * marks, claim and release per row, comments, and for managers bulk claim / assign / reassign.
 */
@Route(value = "", layout = MainLayout.class)
@Menu(title = "nav.tasks", icon = "vaadin:tasks", order = 10)
@PermitAll
public class TasksView extends VerticalLayout implements LocaleChangeObserver, HasDynamicTitle, InboxGrid.Actions {
    private final transient Inbox inbox;
    private final transient Tasks labeling;
    private final CurrentUser user = CurrentUser.get();
    private final H2 title = new H2();
    private final Span count = new Span();
    private final Button refresh = new Button(VaadinIcon.REFRESH.create(), e -> refresh());
    private final CountChips chips = new CountChips();
    private final InboxFilters filters;
    private final InboxGrid grid;
    private final CommentsPanel comments;
    private long total;

    TasksView(Inbox inbox, Tasks labeling, TaskDispatch dispatch) {
        this.inbox = inbox;
        this.labeling = labeling;
        boolean manager = user.hasRole(Roles.MANAGER) || user.hasRole(Roles.ADMIN);
        filters = new InboxFilters(manager, this::refresh);
        grid = new InboxGrid(user.id(), this);
        comments = new CommentsPanel(dispatch);
        setSizeFull();
        count.setId("task-count");
        refresh.setId("refresh-tasks");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout heading = new HorizontalLayout(title, count, refresh, chips);
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(heading, filters);
        if (manager) {
            grid.setSelectionMode(Grid.SelectionMode.MULTI);
            add(new BulkActions(dispatch, grid::getSelectedItems, this::refresh));
        }
        HorizontalLayout body = new HorizontalLayout(grid, comments);
        body.setSizeFull();
        body.setFlexGrow(1, grid);
        add(body);
        grid.showPages(() -> filters.query(Instant.now()),
                q -> inbox.page(user, q).tasks().stream(), q -> (int) total);
    }

    /** Reads the counts again and lets the grid fetch its pages anew (the engine has the state; the view keeps none). */
    void refresh() {
        InboxPage first = inbox.page(user, filters.query(Instant.now()).page(0, 1));
        total = first.total();
        chips.show(first.counts());
        count.setText(getTranslation("tasks.count", total));
        grid.deselectAll();
        grid.getDataProvider().refreshAll();
    }

    @Override
    public void claim(TaskView task) {
        act(() -> labeling.claim(task.id(), user));
    }

    @Override
    public void release(TaskView task) {
        act(() -> labeling.unclaim(task.id(), user));
    }

    @Override
    public void comments(TaskView task) {
        comments.show(task);
    }

    private void act(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE);
        }
        refresh();
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        title.setText(getTranslation("tasks.title"));
        refresh.setTooltipText(getTranslation("tasks.refresh"));
        grid.localize();
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tasks.title") + " · " + getTranslation("app.name");
    }
}
