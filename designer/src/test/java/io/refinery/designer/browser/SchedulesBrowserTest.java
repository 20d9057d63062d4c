package io.refinery.designer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.designer.RefineryApplication;
import io.refinery.designer.UiTestSupport;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.schedule.ScheduleSpec;
import io.refinery.engine.schedule.Schedules;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The schedules page in Chromium with the production bundle: the list shows a stored schedule, and the dialog shows
 * the next runs of a cron as it is typed. Screenshot: target/screenshots/schedules.png.
 */
@SpringBootTest(classes = RefineryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:designer-schedules-browser;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
@DirtiesContext
class SchedulesBrowserTest extends BrowserTestSupport {
    @Autowired
    private DemandService demands;
    @Autowired
    private Schedules schedules;

    @Test
    void shouldListSchedulesAndPreviewTheNextRunsOfACron() {
        DemandService.Started demand = demands.start(UiTestSupport.demand("browser-nightly"), "manager");
        schedules.create(new ScheduleSpec("Nightly browser-nightly", "collect", "0 0 2 * * ?", "Asia/Shanghai",
                demand.datasetId(), "inbox", true, null, null, null, null), "manager");
        LoginPage.open(browser).signIn("manager", "manager");
        browser.open("/schedules");
        browser.await(d -> d.findElements(By.cssSelector("vaadin-grid#schedules-grid vaadin-grid-cell-content")).stream()
                .anyMatch(c -> c.getText().equals("0 0 2 * * ? (Asia/Shanghai)")));

        browser.visible(By.id("new-schedule")).click();
        var cron = browser.visible(By.cssSelector("#schedule-cron input"));
        cron.sendKeys("0 30 6 ? * MON-FRI", Keys.TAB);
        browser.await(d -> d.findElement(By.id("schedule-preview")).getText().startsWith("Next runs: "));
        String preview = browser.driver.findElement(By.id("schedule-preview")).getText();
        assertThat(preview.split(" · ")).hasSize(3).allMatch(t -> t.contains(" 06:30:00"));
        browser.screenshot("schedules");
    }
}
