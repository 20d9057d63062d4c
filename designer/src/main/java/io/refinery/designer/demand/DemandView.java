package io.refinery.designer.demand;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
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
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.refinery.designer.i18n.RefineryI18n;
import io.refinery.designer.labeling.TaskRoutes;
import io.refinery.designer.shell.MainLayout;
import io.refinery.designer.sources.SourceUploadPanel;
import io.refinery.engine.dataset.Demand;
import io.refinery.engine.dataset.DemandList;
import io.refinery.engine.dataset.DemandRun;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.dataset.SourcePreviews;
import io.refinery.engine.dataset.SourceUploads;
import io.refinery.engine.tasks.ManagerTasks;
import io.refinery.engine.tasks.TaskView;
import io.refinery.engine.modeling.DeployedModels;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Threshold;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One demand: its state, the process and version it runs, its counts, its values, links to its open tasks and its
 * sources, with the upload panel while the run goes on. A demand sent back for changes is
 * revised here by the person it was sent back to, and then returns to the managers.
 */
@Route(value = "demands/:versionId([0-9]+)", layout = MainLayout.class)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class DemandView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final transient DemandList demands;
    private final transient DemandService service;
    private final transient ManagerTasks tasks;
    private final transient DeployedModels processes;
    private final transient SourceUploads uploads;
    private final transient SourcePreviews previews;
    private final transient DemandRun runs;
    private final CurrentUser user = CurrentUser.get();
    private final H2 title = new H2();
    private final Span error = new Span();
    private long versionId;
    private DemandList.Row row;

    DemandView(DemandList demands, DemandService service, ManagerTasks tasks, DeployedModels processes,
               SourceUploads uploads, SourcePreviews previews, DemandRun runs) {
        this.runs = runs;
        this.uploads = uploads;
        this.previews = previews;
        this.demands = demands;
        this.service = service;
        this.tasks = tasks;
        this.processes = processes;
        setMaxWidth("1100px");
        title.setId("demand-title");
        error.setId("demand-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        versionId = event.getRouteParameters().getLong("versionId").orElse(0L);
        show();
    }

    private void show() {
        removeAll();
        row = demands.of(versionId).orElse(null);
        Demand demand = row == null ? null : demands.demand(versionId).orElse(null);
        if (row == null || demand == null) {
            error.setText(getTranslation("demand.not-found", versionId));
            add(error);
            return;
        }
        title.setText(row.name());
        HorizontalLayout heading = new HorizontalLayout(title, DemandCells.state(row),
                new Span(DemandCells.process(row)));
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        RunDiagram diagram = new RunDiagram();
        var run = runs.of(versionId);
        add(heading, error, DemandCells.progress(row),
                new StepProgressPanel(demands, versionId, row.state() == DemandList.State.RUNNING
                        || row.state() == DemandList.State.FAILING, () -> runs.of(versionId).ifPresent(diagram::refresh)));
        if (run.isPresent()) {
            // where the run is, drawn on its own process (a plain Div: bpmn-js' CSS does not reach into a layout's slot)
            Div frame = new Div(diagram);
            frame.setWidthFull();
            add(new H3(getTranslation("demand.run")), frame);
            diagram.show(run.get());
        }
        List<TaskView> open = tasks.openTasks(row.processInstanceId());
        add(new H3(getTranslation("demand.open-tasks")), openTasks(open));
        TaskView approval = open.stream().filter(t -> Processes.Steps.DEMAND_APPROVAL.equals(t.taskDefinitionKey()))
                .findFirst().orElse(null);
        boolean mine = approval != null && user.id().equals(approval.assignee());
        if (row.changesRequested() != null && (mine || user.hasRole(Roles.ADMIN))) {
            add(revise(demand));
        } else {
            add(new H3(getTranslation("demand.values")), values(demand));
        }
        add(new H3(getTranslation("demand.sources")), sources());
    }

    private Div openTasks(List<TaskView> open) {
        Div links = new Div();
        links.setId("demand-tasks");
        if (open.isEmpty()) {
            links.add(new Span(getTranslation("demand.open-tasks.none")));
        }
        Locale locale = getLocale();
        for (TaskView t : open) {
            Anchor link = new Anchor(TaskRoutes.routeOf(t), RefineryI18n.bilingual(t.name(), locale)
                    + (t.assignee() == null ? "" : " · " + t.assignee()));
            link.getElement().setAttribute("data-task", t.id());
            Div line = new Div(link);
            links.add(line);
        }
        return links;
    }

    /**
     * The sources, read-only. The place the source upload panel goes: it keeps the id {@code demand-sources} and may
     * replace what is in it.
     */
    private Div sources() {
        Div place = new Div();
        place.setId("demand-sources");
        place.setWidthFull();
        place.add(new SourceSummary("demand-source-summary", demands.sources(versionId), row.progress()));
        if (row.state() == DemandList.State.RUNNING || row.state() == DemandList.State.FAILING) {
            // files for collect (and for a later "add data for classes"): dropped or chosen, in chunks, resumable
            place.add(new SourceUploadPanel(versionId, uploads, previews));
        }
        return place;
    }

    /** Label and value of every field of the demand. */
    private Div values(Demand d) {
        Locale locale = getLocale();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put(getTranslation("demand.field.description"), d.description());
        shown.put(getTranslation("demand.field.taskType"), getTranslation("demand.taskType." + d.taskType()));
        shown.put(getTranslation("demand.field.labelSet"), String.join(", ", d.labelSet()));
        shown.put(getTranslation("demand.field.labelRules"), d.labelRules());
        shown.put(getTranslation("demand.field.targetSize"), d.targetSize());
        shown.put(getTranslation("demand.field.dueDate"), d.dueDate());
        shown.put(getTranslation("demand.field.intendedUse"), d.intendedUse());
        shown.put(getTranslation("demand.field.license"), d.license());
        shown.put(getTranslation("demand.field.source"), d.source());
        shown.put(getTranslation("demand.field.packageSize"), d.packageSize());
        shown.put(getTranslation("demand.field.overlap"), d.overlap());
        shown.put(getTranslation("demand.field.labelSla"), d.labelSla());
        shown.put(getTranslation("demand.field.maxRounds"), d.maxRounds());
        shown.put(getTranslation("demand.field.priority"), d.priority());
        if (d.splits() != null) {
            shown.put(getTranslation("demand.section.splits"), d.splits().train() + " / " + d.splits().validation()
                    + " / " + d.splits().test() + (d.splits().seed() == null ? "" : " · seed " + d.splits().seed()));
        }
        if (d.thresholds() != null) {
            Threshold.ALL.forEach(t -> shown.put(t.label(locale), d.thresholds().given(t.name())));
        }
        Div grid = new Div();
        grid.setId("demand-values");
        grid.getStyle().set("display", "grid").set("grid-template-columns", "max-content 1fr").set("gap", "4px 16px");
        shown.forEach((label, value) -> {
            Span l = new Span(label);
            l.getStyle().set("color", "var(--lumo-secondary-text-color)");
            Span v = new Span(value == null ? "" : String.valueOf(value));
            v.getStyle().set("white-space", "pre-line");
            grid.add(l, v);
        });
        return grid;
    }

    /** The demand's values as fields, with what the manager asked to change; saving hands it back to them. */
    private VerticalLayout revise(Demand demand) {
        Paragraph asked = new Paragraph(getTranslation("demand.revise.asked", row.changesRequested()));
        asked.setId("demand-changes-requested");
        DemandFields fields = new DemandFields(processes.processChoices(), true);
        fields.fill(demand);
        Button save = new Button(getTranslation("demand.revise.save"));
        save.setId("demand-revise");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> fields.submit(service, revised -> {
            service.revise(versionId, revised, user);
            Notification.show(getTranslation("demand.revise.done"), 4000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            show();
        }));
        VerticalLayout revise = new VerticalLayout(new H3(getTranslation("demand.revise")), asked, fields, save);
        revise.setPadding(false);
        revise.setId("demand-revise-form");
        return revise;
    }

    @Override
    public String getPageTitle() {
        return (row == null ? getTranslation("demands.title") : row.name()) + " · " + getTranslation("app.name");
    }
}
