package io.refinery.designer.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.function.SerializableSupplier;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.refinery.designer.shell.MainLayout;
import io.refinery.designer.shell.ShareBars;
import io.refinery.engine.drift.DriftResult;
import io.refinery.engine.labeling.LabelingService;
import io.refinery.engine.labeling.ManagerTasks;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import io.refinery.workflows.Vars;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A decision task: what it asks (the task's documentation in the process), the facts of the run to decide on, for a
 * drift the class distributions of the released version and the new data drawn side by side, and the outcomes the
 * process expects — approve (with the target size and quality thresholds still adjustable) or reject a demand,
 * release anyway or abandon, or done. The engine checks who may act and which variables, in which ranges, the task
 * takes; this page only offers what the task's kind allows.
 */
@Route(value = "decision/:taskId", layout = MainLayout.class)
@RolesAllowed({Roles.MANAGER, Roles.ANNOTATOR, Roles.EXPERT, Roles.ADMIN})
public class DecisionView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    /** What a manager may still change when approving a demand (the engine checks each range). */
    private static final Set<String> ADJUSTABLE = Set.of(Vars.TARGET_SIZE, Vars.MIN_COMPLETENESS, Vars.MIN_AGREEMENT,
            Vars.MIN_KAPPA, Vars.MIN_CLASS_COUNT, Vars.MAX_DUPLICATE_RATE, Vars.MAX_SENSITIVE_RATIO);
    private static final Set<String> WHOLE = Set.of(Vars.TARGET_SIZE, Vars.MIN_CLASS_COUNT);

    private final transient ManagerTasks decisions;
    private final Map<String, NumberField> adjusted = new LinkedHashMap<>();
    private final CurrentUser user = CurrentUser.get();
    private final H2 title = new H2();
    private final Span error = new Span();
    private final Div body = new Div();
    private final HorizontalLayout outcomes = new HorizontalLayout();
    private String taskId;
    private ManagerTasks.Opened opened;

    DecisionView(ManagerTasks decisions) {
        this.decisions = decisions;
        setMaxWidth("1000px");
        title.setId("decision-title");
        error.setId("decision-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        body.setWidthFull();
        outcomes.setId("decision-outcomes");
        // the outcomes beside the title: in sight whatever the length of the facts below
        HorizontalLayout header = new HorizontalLayout(title, outcomes);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        header.expand(title);
        add(header, error, body);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        taskId = event.getRouteParameters().get("taskId").orElse("");
        try {
            opened = decisions.open(taskId, user);
            show();
        } catch (ApiException e) {
            error.setText(e.getMessage());
            outcomes.setVisible(false);
        }
    }

    @Override
    public String getPageTitle() {
        return (opened == null ? getTranslation("decision.page") : opened.task().name()) + " · "
                + getTranslation("app.name");
    }

    private void show() {
        title.setText(opened.task().name());
        body.removeAll();
        body.add(context());
        if (opened.description() != null && !opened.description().isBlank()) {
            Paragraph asks = new Paragraph(opened.description());
            asks.setId("decision-description");
            asks.getStyle().set("white-space", "pre-line").set("max-width", "900px");
            body.add(asks);
        }
        if (!opened.facts().isEmpty()) {
            body.add(new H3(getTranslation("decision.facts")), facts(opened.facts()));
        }
        if (opened.drift() != null) {
            body.add(new H3(getTranslation("decision.drift.classes")), driftBars(opened.drift()));
        }
        outcomes.removeAll();
        switch (opened.task().kind()) {
            case LabelingService.APPROVAL -> outcomes.add(
                    outcome("approve", "decision.approve", ButtonVariant.LUMO_PRIMARY, this::approval, null),
                    outcome("reject", "decision.reject", ButtonVariant.LUMO_ERROR, Map.of(Vars.APPROVED, false),
                            "decision.reject.confirm"));
            case LabelingService.DECISION -> outcomes.add(
                    outcome("release-anyway", "decision.release-anyway", ButtonVariant.LUMO_PRIMARY,
                            Map.of(Vars.RELEASE_ANYWAY, true), "decision.release-anyway.confirm"),
                    outcome("abandon", "decision.abandon", ButtonVariant.LUMO_ERROR, Map.of(Vars.RELEASE_ANYWAY, false),
                            "decision.abandon.confirm"));
            default -> outcomes.add(outcome("done", "decision.done", ButtonVariant.LUMO_PRIMARY, Map.of(), null));
        }
    }

    private Span context() {
        String text = opened.task().datasetName() == null ? ""
                : getTranslation("decision.dataset", opened.task().datasetName()) + " · ";
        text += getTranslation("decision.created", format(opened.task().created()));
        if (opened.task().due() != null) {
            text += " · " + getTranslation("decision.due", format(opened.task().due()));
        }
        Span context = new Span(text);
        context.setId("decision-context");
        context.getStyle().set("color", "var(--lumo-secondary-text-color)");
        return context;
    }

    /** Label (in the user's language) and value of each fact, as a two-column grid. */
    private Div facts(Map<String, Object> facts) {
        Div grid = new Div();
        grid.setId("decision-facts");
        grid.getStyle().set("display", "grid").set("grid-template-columns", "max-content 1fr").set("gap", "4px 16px");
        adjusted.clear();
        boolean approval = LabelingService.APPROVAL.equals(opened.task().kind());
        facts.forEach((name, value) -> {
            Span label = new Span(factLabel(name));
            label.getStyle().set("color", "var(--lumo-secondary-text-color)");
            if (approval && ADJUSTABLE.contains(name) && value instanceof Number number) {
                grid.add(label, adjustable(name, number));
            } else {
                Span shown = new Span(text(value));
                shown.getElement().setAttribute("data-fact", name);
                grid.add(label, shown);
            }
        });
        return grid;
    }

    /** A number the manager may change before approving: target size and the quality thresholds. */
    private NumberField adjustable(String name, Number value) {
        NumberField field = new NumberField();
        field.setId("adjust-" + name);
        field.setValue(value.doubleValue());
        field.setStep(WHOLE.contains(name) ? 1 : 0.01);
        field.setWidth("140px");
        field.getElement().setAttribute("data-fact", name);
        adjusted.put(name, field);
        return field;
    }

    /** {@code approved} and every changed number, whole numbers as such; the engine checks their ranges. */
    private Map<String, Object> approval() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(Vars.APPROVED, true);
        adjusted.forEach((name, field) -> {
            Double value = field.getValue();
            Object before = opened.facts().get(name);
            if (value != null && !(before instanceof Number n && n.doubleValue() == value)) {
                variables.put(name, WHOLE.contains(name) ? (Object) Math.round(value) : value);
            }
        });
        return variables;
    }

    private String factLabel(String name) {
        String key = "decision.fact." + name;
        String label = getTranslation(key);
        return label.equals(key) || label.startsWith("!") ? name : label;
    }

    private static String text(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return String.format(Locale.ROOT, "%.3f", ((Number) value).doubleValue()).replaceAll("0+$", "")
                    .replaceAll("\\.$", "");
        }
        if (value instanceof Date date) {
            return format(date);
        }
        if (value instanceof Collection<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /** Each class's share in the released version and in the new data, from the drift worker's report. */
    private ShareBars driftBars(DriftResult drift) {
        JsonNode report = drift.report();
        JsonNode reference = report.path("referenceClasses");
        JsonNode fresh = report.path("newClasses");
        long referenceTotal = total(reference);
        long newTotal = total(fresh);
        ShareBars bars = new ShareBars("drift-classes",
                getTranslation("decision.drift.reference", referenceTotal),
                getTranslation("decision.drift.new", newTotal));
        TreeSet<String> classes = new TreeSet<>();
        reference.fieldNames().forEachRemaining(classes::add);
        fresh.fieldNames().forEachRemaining(classes::add);
        for (String name : classes) {
            long before = reference.path(name).asLong();
            long after = fresh.path(name).asLong();
            double beforeShare = referenceTotal == 0 ? 0 : (double) before / referenceTotal;
            double afterShare = newTotal == 0 ? 0 : (double) after / newTotal;
            double points = (afterShare - beforeShare) * 100;
            bars.row(name, beforeShare, before, afterShare, after,
                    String.format(Locale.ROOT, "%+.1f pp", points));
        }
        return bars;
    }

    private static long total(JsonNode counts) {
        long sum = 0;
        for (Iterator<JsonNode> values = counts.elements(); values.hasNext(); ) {
            sum += values.next().asLong();
        }
        return sum;
    }

    private Button outcome(String id, String key, ButtonVariant variant, Map<String, Object> variables,
            String confirmKey) {
        return outcome(id, key, variant, () -> variables, confirmKey);
    }

    private Button outcome(String id, String key, ButtonVariant variant,
            SerializableSupplier<Map<String, Object>> variables, String confirmKey) {
        Button button = new Button(getTranslation(key));
        button.setId(id);
        button.addThemeVariants(variant);
        button.addClickListener(e -> {
            if (confirmKey == null) {
                complete(variables.get());
            } else {
                ConfirmDialog confirm = new ConfirmDialog(getTranslation(key), getTranslation(confirmKey),
                        getTranslation(key), ok -> complete(variables.get()));
                confirm.setCancelable(true);
                confirm.setCancelText(getTranslation("decision.cancel"));
                confirm.open();
            }
        });
        return button;
    }

    private void complete(Map<String, Object> variables) {
        try {
            decisions.complete(taskId, variables, user);
            Notification.show(getTranslation("decision.completed", opened.task().name()), 4000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            getUI().ifPresent(ui -> ui.navigate(""));
        } catch (ApiException e) {
            error.setText(e.getMessage());
        }
    }

    private static String format(Date date) {
        return date == null ? "" : TIME.format(date.toInstant());
    }
}
