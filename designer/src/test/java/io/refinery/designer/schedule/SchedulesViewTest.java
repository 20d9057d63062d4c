package io.refinery.designer.schedule;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.router.AccessDeniedException;
import io.refinery.designer.UiTestSupport;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.release.ReleaseService;
import io.refinery.engine.schedule.Schedule;
import io.refinery.engine.schedule.ScheduleSpec;
import io.refinery.engine.schedule.Schedules;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The schedules page without a browser: who may open it, the dialog's checks and preview, and every row action. */
class SchedulesViewTest extends UiTestSupport {
    @Autowired
    private Schedules schedules;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ReleaseService releases;

    private static Button button(Component cell, String id) {
        return (Button) cell.getChildren().filter(c -> c.getId().orElse("").equals(id)).findFirst().orElseThrow();
    }

    @Test
    void shouldNotLetAnAnnotatorOrAnExpertIn() {
        for (String user : List.of("ann1", "expert")) {
            signIn(user);
            assertThatThrownBy(() -> UI.getCurrent().navigate(SchedulesView.class))
                    .hasRootCauseInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void shouldCreateAScheduleInTheDialogShowingTheNextRunsAndTheFieldOfAnError() {
        String name = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        DemandService.Started demand = fileDemand(name);
        signIn("manager");
        UI.getCurrent().navigate(SchedulesView.class);
        ButtonKt._click(_get(Button.class, spec -> spec.withId("new-schedule")));
        ScheduleDialog dialog = _get(ScheduleDialog.class);

        dialog.name.setValue("Nightly " + name);
        assertThat(dialog.reference.isVisible()).as("collect is the default kind").isFalse();
        dialog.dataset.setValue(new Schedules.DatasetRef(demand.datasetId(), name));
        dialog.folder.setValue("inbox/" + name);
        dialog.zone.setValue("Asia/Shanghai");
        dialog.cron.setValue("0 0 25 * * ?");
        assertThat(dialog.cron.isInvalid()).isTrue();
        assertThat(dialog.cron.getErrorMessage()).contains("hours (field 3) '25'");
        dialog.cron.setValue("0 0 2 * * ?");
        assertThat(dialog.cron.isInvalid()).isFalse();
        assertThat(dialog.preview.getText()).startsWith("Next runs: ").contains(" 02:00:00").contains(" · ");
        assertThat(dialog.preview.getText().split(" · ")).hasSize(3);

        dialog.folder.setValue("../etc");
        ButtonKt._click(dialog.save);
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.folder.isInvalid()).isTrue();
        assertThat(dialog.error.getText()).contains("field 'folder'");

        dialog.folder.setValue("inbox/" + name);
        ButtonKt._click(dialog.save);
        assertThat(dialog.isOpened()).isFalse();
        Schedule created = schedules.all().stream().filter(s -> s.spec().name().equals("Nightly " + name)).findFirst()
                .orElseThrow();
        assertThat(created.spec().folder()).isEqualTo("inbox/" + name);
        assertThat(created.spec().zone()).isEqualTo("Asia/Shanghai");
        assertThat(created.spec().preApproved()).isTrue();
        assertThat(created.createdBy()).isEqualTo("manager");

        var grid = _get(SchedulesView.class).grid;
        int row = rowOf(grid, created.id());
        assertThat(GridKt._getFormatted(grid, row, "cron")).isEqualTo("0 0 2 * * ? (Asia/Shanghai)");
        assertThat(GridKt._getFormatted(grid, row, "next")).endsWith("02:00:00 Asia/Shanghai");
        assertThat(GridKt._getFormatted(grid, row, "state")).isEqualTo("Active");
        schedules.delete(created.id(), "manager");
    }

    @Test
    void shouldPauseResumeRunNowShowTheFiringAndDelete() {
        String name = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        DemandService.Started demand = fileDemand(name);
        Schedule schedule = schedules.create(new ScheduleSpec("Weekly " + name, "collect",
                "0 0 3 ? * MON", "UTC", demand.datasetId(), "weekly", false, null, null, null, null), "admin");
        signIn("manager");
        UI.getCurrent().navigate(SchedulesView.class);
        SchedulesView view = _get(SchedulesView.class);
        var grid = view.grid;

        ButtonKt._click(button(GridKt._getCellComponent(grid, rowOf(grid, schedule.id()), "actions"), "pause-" + schedule.id()));
        assertThat(GridKt._getFormatted(grid, rowOf(grid, schedule.id()), "state")).isEqualTo("Paused");
        assertThat(GridKt._getFormatted(grid, rowOf(grid, schedule.id()), "next")).isEmpty();
        ButtonKt._click(button(GridKt._getCellComponent(grid, rowOf(grid, schedule.id()), "actions"), "pause-" + schedule.id()));
        assertThat(GridKt._getFormatted(grid, rowOf(grid, schedule.id()), "state")).isEqualTo("Active");

        ButtonKt._click(button(GridKt._getCellComponent(grid, rowOf(grid, schedule.id()), "actions"), "run-" + schedule.id()));
        assertThat(GridKt._size(view.firings)).isEqualTo(1);
        assertThat(GridKt._getFormatted(view.firings, 0, "outcome")).isEqualTo("started");
        assertThat(GridKt._getFormatted(view.firings, 0, "by")).isEqualTo("manager");
        String pi = GridKt._getFormatted(view.firings, 0, "detail");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).isEqualTo(1);
        assertThat(GridKt._getFormatted(grid, rowOf(grid, schedule.id()), "last")).startsWith("started · ");
        runtime.deleteProcessInstance(pi, "test done");

        ButtonKt._click(button(GridKt._getCellComponent(grid, rowOf(grid, schedule.id()), "actions"), "delete-" + schedule.id()));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(schedules.all()).noneMatch(s -> s.id() == schedule.id());
        assertThat(rowOf(grid, schedule.id())).isEqualTo(-1);
    }

    @Test
    void shouldCreateADriftCheckOfAReleaseWithItsLimits() {
        String name = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        DemandService.Started demand = fileDemand(name);
        jdbc.update("INSERT INTO dataset_release (version_id, dataset_id, label, path, item_count, manifest_sha256,"
                + " released_by, released_at) VALUES (?, ?, '1.0', ?, 0, ?, 'manager', CURRENT_TIMESTAMP)",
                demand.versionId(), demand.datasetId(), "/tmp/" + name, "0".repeat(64));
        signIn("admin");
        UI.getCurrent().navigate(SchedulesView.class);
        ButtonKt._click(_get(Button.class, spec -> spec.withId("new-schedule")));
        ScheduleDialog dialog = _get(ScheduleDialog.class);

        dialog.kind.setValue("drift-check");
        assertThat(dialog.dataset.isVisible()).isFalse();
        assertThat(dialog.reference.isVisible()).isTrue();
        assertThat(dialog.maxPsi.getPlaceholder()).isEqualTo("default 0.2");
        dialog.name.setValue("Drift " + name);
        dialog.reference.setValue(releases.forVersion(demand.versionId()).orElseThrow());
        dialog.cron.setValue("0 0 6 ? * MON");
        dialog.zone.setValue("UTC");
        dialog.maxPsi.setValue("a lot");
        ButtonKt._click(dialog.save);
        assertThat(dialog.maxPsi.isInvalid()).isTrue();
        assertThat(dialog.maxPsi.getErrorMessage()).contains("'a lot' is not a number");

        dialog.maxPsi.setValue("0.25");
        ButtonKt._click(dialog.save);
        assertThat(dialog.isOpened()).as(dialog.error.getText()).isFalse();
        Schedule created = schedules.all().stream().filter(s -> s.spec().name().equals("Drift " + name)).findFirst()
                .orElseThrow();
        assertThat(created.spec().referenceVersionId()).isEqualTo(demand.versionId());
        assertThat(created.spec().maxPsi()).isEqualTo(0.25);
        assertThat(created.spec().maxTvd()).isNull();
        var grid = _get(SchedulesView.class).grid;
        assertThat(GridKt._getFormatted(grid, rowOf(grid, created.id()), "kind")).isEqualTo("Drift check of a release");
        schedules.delete(created.id(), "admin");
    }

    static int rowOf(Grid<Schedule> grid, long id) {
        for (int i = 0; i < GridKt._size(grid); i++) {
            if (GridKt._get(grid, i).id() == id) {
                return i;
            }
        }
        return -1;
    }
}
