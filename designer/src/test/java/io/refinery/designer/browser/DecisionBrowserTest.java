package io.refinery.designer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.designer.RefineryApplication;
import io.refinery.designer.UiTestSupport;
import io.refinery.designer.decision.DriftFixture;
import io.refinery.engine.dataset.DemandService;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Vars;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A manager's decisions in Chromium: the demand approval opened from the inbox by a double click, approved, back in
 * the inbox; a drift review with the class distributions drawn. Screenshots: target/screenshots/decision-*.png.
 */
@SpringBootTest(classes = RefineryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:designer-decision-browser;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
@DirtiesContext
class DecisionBrowserTest extends BrowserTestSupport {
    private static final String DATASET = "browser-decision";
    @Autowired
    private DemandService demands;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private HistoryService history;
    @Autowired
    private ApplicationContext context;

    @Test
    void shouldApproveADemandFromTheInboxAndShowADrift() {
        DemandService.Started demand = demands.start(UiTestSupport.demand(DATASET), "manager");
        Task drift = DriftFixture.overLimit(context, demand);

        LoginPage.open(browser).signIn("manager", "manager");
        TasksPage tasks = new TasksPage(browser);
        tasks.filterDataset(DATASET, "Approve demand");
        tasks.open("Approve demand");
        browser.textIs(By.id("decision-title"), "Approve demand");
        browser.visible(By.cssSelector("#decision-facts [data-fact='name']"));
        assertThat(browser.driver.findElement(By.cssSelector("#decision-facts [data-fact='name']")).getText())
                .isEqualTo(DATASET);
        browser.screenshot("decision-01-approve-demand");

        browser.visible(By.id("approve")).click();
        new TasksPage(browser);
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("decision/");
        browser.await(d -> runtime.getVariable(demand.processInstanceId(), Vars.APPROVED) != null);
        assertThat(runtime.getVariable(demand.processInstanceId(), Vars.APPROVED)).isEqualTo(true);

        browser.open("/decision/" + drift.getId());
        browser.visible(By.cssSelector("#drift-classes .bar"));
        assertThat(browser.driver.findElements(By.cssSelector("#drift-classes .class-delta"))).extracting(
                e -> e.getText()).containsExactly("-50.0 pp", "+50.0 pp");
        browser.screenshot("decision-02-drift");
        browser.visible(By.id("done")).click();
        browser.await(d -> history.createHistoricActivityInstanceQuery()
                .processInstanceId(drift.getProcessInstanceId()).activityId(Processes.DriftSteps.END_REVIEWED)
                .count() == 1);
    }
}
