package io.refinery.designer.schedule;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import io.refinery.designer.RefineryApplication;
import io.refinery.designer.UiTestSupport;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.schedule.Firing;
import io.refinery.engine.schedule.Schedule;
import io.refinery.engine.schedule.Schedules;
import io.refinery.engine.system.IdentityAuthenticationProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Acceptance (issue 5): a schedule created through the UI fires after a restart of the platform. The platform runs on
 * an H2 file; the schedule is made in the page's dialog (every 3 seconds), the platform stops, a new platform starts
 * on the same file, and the schedule is still in Quartz's tables and fires there, logged with its outcome.
 */
class ScheduleSurvivesRestartTest {

    private static ConfigurableApplicationContext platform(Path dataDir) {
        // arguments, not builder properties: those rank below src/test/resources/application.properties
        return new SpringApplicationBuilder(RefineryApplication.class).run("--server.port=0",
                "--refinery.data-dir=" + dataDir.toAbsolutePath(), "--camunda.bpm.job-execution.enabled=false",
                "--spring.quartz.auto-startup=true", "--spring.quartz.scheduler-name=refinery");
    }

    @Test
    void shouldFireAScheduleCreatedInTheUiAfterARestartOnTheSameDatabase() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "restart-test-data-");
        long scheduleId;
        ConfigurableApplicationContext first = platform(dataDir);
        try {
            DemandService.Started demand = first.getBean(DemandService.class).start(UiTestSupport.demand("restart"), "manager");
            UiTestSupport.setUpVaadin(first);
            UiTestSupport.signIn(first.getBean(IdentityAuthenticationProvider.class), "manager");
            UI.getCurrent().navigate(SchedulesView.class);
            ButtonKt._click(_get(Button.class, spec -> spec.withId("new-schedule")));
            ScheduleDialog dialog = _get(ScheduleDialog.class);
            dialog.name.setValue("Every 3 seconds");
            dialog.dataset.setValue(new Schedules.DatasetRef(demand.datasetId(), "restart"));
            dialog.folder.setValue("restart-inbox");
            dialog.cron.setValue("0/3 * * * * ?");
            dialog.zone.setValue("UTC");
            ButtonKt._click(dialog.save);
            assertThat(dialog.isOpened()).as(dialog.error.getText()).isFalse();
            scheduleId = first.getBean(Schedules.class).all().get(0).id();
        } finally {
            MockVaadin.tearDown();
            SecurityContextHolder.clearContext();
            first.close();
        }

        Instant restarted = Instant.now();
        ConfigurableApplicationContext second = platform(dataDir);
        try {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = ?",
                    Integer.class, "schedule-" + scheduleId)).as("Quartz's tables were not dropped").isEqualTo(1);
            Schedules schedules = second.getBean(Schedules.class);
            Schedule schedule = schedules.get(scheduleId);
            assertThat(schedule.spec().name()).isEqualTo("Every 3 seconds");
            assertThat(schedule.createdBy()).isEqualTo("manager");

            Firing firing = firingAfter(schedules, scheduleId, restarted, Duration.ofSeconds(40));
            assertThat(firing.outcome()).as(String.valueOf(firing.error())).isEqualTo(Firing.STARTED);
            assertThat(firing.firedBy()).isEqualTo("scheduler");
            assertThat(second.getBean(RuntimeService.class).createProcessInstanceQuery()
                    .processInstanceId(firing.processInstanceId()).count()).isEqualTo(1);
            schedules.delete(scheduleId, "manager");
        } finally {
            second.close();
        }
    }

    private static Firing firingAfter(Schedules schedules, long id, Instant after, Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            List<Firing> firings = schedules.firings(id, 20);
            Optional<Firing> after1 = firings.stream().filter(f -> f.firedAt().isAfter(after)).findFirst();
            if (after1.isPresent()) {
                return after1.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("schedule " + id + " did not fire after the restart within " + timeout);
    }
}
