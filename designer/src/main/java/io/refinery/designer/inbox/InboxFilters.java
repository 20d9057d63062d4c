package io.refinery.designer.inbox;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import io.refinery.engine.tasks.InboxQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Dataset, kind, due and priority filters (and, for managers, the whole team's tasks); the query they make. */
class InboxFilters extends HorizontalLayout implements LocaleChangeObserver {
    static final String ANY = "any";
    final TextField dataset = new TextField();
    final Select<String> kind = new Select<>();
    final Select<String> due = new Select<>();
    final Select<String> priority = new Select<>();
    final Checkbox team = new Checkbox();

    InboxFilters(boolean manager, Runnable onChange) {
        dataset.setId("filter-dataset");
        dataset.setClearButtonVisible(true);
        dataset.setValueChangeMode(ValueChangeMode.LAZY);
        configure(kind, "filter-kind", List.of(ANY, "label", "rework", "review", "approval", "escalation", "decision"));
        configure(due, "filter-due", List.of(ANY, "overdue", "today", "week"));
        configure(priority, "filter-priority", List.of(ANY, "high", "normal", "low"));
        team.setId("filter-team");
        team.setVisible(manager);
        dataset.addValueChangeListener(e -> onChange.run());
        List.of(kind, due, priority).forEach(f -> f.addValueChangeListener(e -> onChange.run()));
        team.addValueChangeListener(e -> onChange.run());
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(dataset, kind, due, priority, team);
    }

    private static void configure(Select<String> select, String id, List<String> values) {
        select.setId(id);
        select.setItems(values);
        select.setValue(ANY);
    }

    /** The query for these filters, page and sort to be filled in by the grid. */
    InboxQuery query(Instant now) {
        Instant dueBefore = switch (due.getValue()) {
            case "overdue" -> now;
            case "today" -> now.plus(Duration.ofDays(1));
            case "week" -> now.plus(Duration.ofDays(7));
            default -> null;
        };
        Integer min = switch (priority.getValue()) {
            case "high" -> 70;
            case "normal" -> 30;
            default -> null;
        };
        Integer max = switch (priority.getValue()) {
            case "normal" -> 69;
            case "low" -> 29;
            default -> null;
        };
        return new InboxQuery(team.getValue() ? InboxQuery.Scope.TEAM : InboxQuery.Scope.MINE, null, dataset.getValue(),
                ANY.equals(kind.getValue()) ? null : kind.getValue(), dueBefore, null, min, max, null, true, 0, 1);
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        dataset.setLabel(getTranslation("tasks.filter.dataset"));
        kind.setLabel(getTranslation("tasks.filter.kind"));
        kind.setItemLabelGenerator(k -> ANY.equals(k) ? getTranslation("tasks.filter.any") : getTranslation("task.kind." + k));
        due.setLabel(getTranslation("tasks.filter.due"));
        due.setItemLabelGenerator(d -> getTranslation("tasks.filter.due." + d));
        priority.setLabel(getTranslation("tasks.filter.priority"));
        priority.setItemLabelGenerator(p -> getTranslation("tasks.filter.priority." + p));
        team.setLabel(getTranslation("tasks.filter.team"));
    }
}
