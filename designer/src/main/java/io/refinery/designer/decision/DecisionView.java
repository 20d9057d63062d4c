package io.refinery.designer.decision;

import io.refinery.engine.tasks.TaskKind;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
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
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.function.SerializableSupplier;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.refinery.designer.demand.SourceSummary;
import io.refinery.designer.i18n.RefineryI18n;
import io.refinery.designer.shell.MainLayout;
import io.refinery.designer.sources.SourceUploadPanel;
import io.refinery.engine.dataset.DemandList;
import io.refinery.engine.dataset.SourcePreviews;
import io.refinery.engine.dataset.SourceUploads;
import io.refinery.engine.tasks.ManagerTasks;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Threshold;
import io.refinery.workflows.Vars;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A decision task: what it asks (a text for the manager per kind of task; a task drawn into a process shows its own
 * documentation), the facts of the run to decide on, for a drift the class distributions of the released version and
 * the new data drawn side by side ({@link DriftShares}), and the outcomes the process expects: approve (with the
 * target size and every quality threshold still adjustable, {@link ApprovalAdjustments}), reject for a reason or send
 * back for changes a demand (with its sources, process and version in sight), release anyway or abandon, or done.
 * The engine checks who may act and which variables, in which ranges, the task takes; this page only offers what the
 * task's kind allows.
 */
@Route(value = "decision/:taskId", layout = MainLayout.class)
@RolesAllowed({Roles.MANAGER, Roles.ANNOTATOR, Roles.EXPERT, Roles.ADMIN})
public class DecisionView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    /** Tasks whose page explains them with a text of their own (by kind, or by task definition key). */
    private static final Set<String> EXPLAINED = Set.of(TaskKind.APPROVAL.id(), TaskKind.DECISION.id(),
            TaskKind.ESCALATION.id(), Processes.Steps.ADD_DATA, Processes.DriftSteps.REVIEW);

    private final transient ManagerTasks decisions;
    private final transient SourceUploads uploads;
    private final transient SourcePreviews previews;
    private final transient DemandList demands;
    private final CurrentUser user = CurrentUser.get();
    private final H2 title = new H2();
    private final Span error = new Span();
    private final Div body = new Div();
    private final HorizontalLayout outcomes = new HorizontalLayout();
    private String taskId;
    private ManagerTasks.Opened opened;
    private ApprovalAdjustments adjustments;

    DecisionView(ManagerTasks decisions, DemandList demands, SourceUploads uploads, SourcePreviews previews) {
        this.uploads = uploads;
        this.previews = previews;
        this.decisions = decisions;
        this.demands = demands;
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
        return (opened == null ? getTranslation("decision.page") : taskName()) + " · "
                + getTranslation("app.name");
    }

    private String taskName() {
        return RefineryI18n.bilingual(opened.task().name(), getLocale());
    }

    private void show() {
        title.setText(taskName());
        body.removeAll();
        adjustments = new ApprovalAdjustments(opened.facts());
        body.add(context());
        Paragraph asks = asks();
        if (asks != null) {
            body.add(asks);
        }
        boolean approval = TaskKind.APPROVAL.id().equals(opened.task().kind());
        if (!opened.facts().isEmpty()) {
            body.add(new H3(getTranslation("decision.facts")), facts(opened.facts()));
        }
        if (approval) {
            body.add(new H3(getTranslation("decision.thresholds")),
                    adjustments.thresholds(getLocale(), this::getTranslation));
            demandOf().ifPresent(row -> body.add(new H3(getTranslation("decision.process")), process(row),
                    new H3(getTranslation("decision.sources")), new SourceSummary("decision-sources",
                            demands.sources(row.versionId()), row.progress()),
                    // more files may still come before approving: the same panel as on the demand's page
                    new SourceUploadPanel(row.versionId(), uploads, previews)));
        }
        if (opened.drift() != null) {
            body.add(new H3(getTranslation("decision.drift.classes")),
                    DriftShares.of(opened.drift(), this::getTranslation));
        }
        outcomes.removeAll();
        switch (TaskKind.byId(opened.task().kind()).orElse(TaskKind.OTHER)) {
            case APPROVAL -> outcomes.add(
                    outcome("approve", "decision.approve", ButtonVariant.LUMO_PRIMARY, adjustments::approval,
                            null),
                    withText("send-back", "decision.send-back", ButtonVariant.LUMO_CONTRAST,
                            "decision.send-back.changes", text -> decisions.sendBack(taskId, text, user)),
                    withText("reject", "decision.reject", ButtonVariant.LUMO_ERROR, "decision.reject.reason",
                            text -> decisions.reject(taskId, text, user)));
            case DECISION -> outcomes.add(
                    outcome("release-anyway", "decision.release-anyway", ButtonVariant.LUMO_PRIMARY,
                            Map.of(Vars.RELEASE_ANYWAY, true), "decision.release-anyway.confirm"),
                    outcome("abandon", "decision.abandon", ButtonVariant.LUMO_ERROR, Map.of(Vars.RELEASE_ANYWAY, false),
                            "decision.abandon.confirm"));
            default -> outcomes.add(outcome("done", "decision.done", ButtonVariant.LUMO_PRIMARY, Map.of(), null));
        }
    }

    /**
     * What the task asks, for the manager: a text per kind of task from the messages (never the process's
     * technical documentation); a task drawn into a process says what its author wrote.
     */
    private Paragraph asks() {
        String kind = opened.task().kind();
        String key = EXPLAINED.contains(kind) ? kind : opened.task().taskDefinitionKey();
        String text = EXPLAINED.contains(key) ? getTranslation("decision.asks." + key) : opened.description();
        if (text == null || text.isBlank()) {
            return null;
        }
        Paragraph asks = new Paragraph(RefineryI18n.bilingual(text, getLocale()));
        asks.setId("decision-description");
        asks.getStyle().set("white-space", "pre-line").set("max-width", "900px");
        return asks;
    }

    private java.util.Optional<DemandList.Row> demandOf() {
        Long versionId = opened.task().versionId();
        return versionId == null ? java.util.Optional.empty() : demands.of(versionId);
    }

    private Span process(DemandList.Row row) {
        Span process = new Span(getTranslation("decision.process.text", row.processKey(),
                row.processVersion() == null ? "?" : row.processVersion()));
        process.setId("decision-process");
        return process;
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
        boolean approval = TaskKind.APPROVAL.id().equals(opened.task().kind());
        facts.forEach((name, value) -> {
            if (approval && Threshold.byName(name).isPresent()) {
                return; // with their ranges and meanings below
            }
            Span label = new Span(factLabel(name));
            label.getStyle().set("color", "var(--lumo-secondary-text-color)");
            if (approval && Vars.TARGET_SIZE.equals(name) && value instanceof Number number) {
                grid.add(label, adjustments.targetSize(number));
            } else {
                Span shown = new Span(text(value));
                shown.getElement().setAttribute("data-fact", name);
                grid.add(label, shown);
            }
        });
        return grid;
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
        act(() -> decisions.complete(taskId, variables, user));
    }

    /** Runs an outcome; on success back to the inbox, else the engine's reason on the page. */
    private boolean act(Runnable outcome) {
        try {
            outcome.run();
            Notification.show(getTranslation("decision.completed", taskName()), 4000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            getUI().ifPresent(ui -> ui.navigate(""));
            return true;
        } catch (ApiException e) {
            error.setText(e.getMessage());
            return false;
        }
    }

    /**
     * An outcome that needs a text (the reason of a rejection, what to change): a dialog asks for it, and refuses to
     * go on without one.
     */
    private Button withText(String id, String key, ButtonVariant variant, String textKey,
            com.vaadin.flow.function.SerializableConsumer<String> outcome) {
        Button button = new Button(getTranslation(key));
        button.setId(id);
        button.addThemeVariants(variant);
        button.addClickListener(e -> {
            Dialog dialog = new Dialog(getTranslation(key));
            dialog.setId(id + "-dialog");
            TextArea text = new TextArea(getTranslation(textKey));
            text.setId(id + "-text");
            text.setWidth("420px");
            text.setMaxLength(2000);
            Button confirm = new Button(getTranslation(key), ok -> {
                if (text.getValue().isBlank()) {
                    text.setErrorMessage(getTranslation("decision.text.required"));
                    text.setInvalid(true);
                    return;
                }
                if (act(() -> outcome.accept(text.getValue()))) {
                    dialog.close();
                }
            });
            confirm.setId(id + "-confirm");
            confirm.addThemeVariants(variant);
            Button cancel = new Button(getTranslation("decision.cancel"), c -> dialog.close());
            dialog.add(text);
            dialog.getFooter().add(cancel, confirm);
            dialog.open();
        });
        return button;
    }

    private static String format(Date date) {
        return date == null ? "" : TIME.format(date.toInstant());
    }
}
