package io.refinery.designer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.designer.RefineryApplication;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.demo.DemoBots;
import io.refinery.workers.demo.DemoRun;
import io.refinery.workers.runtime.WorkerRuntime;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A manager's whole path in the browser, by clicks and keys only: signs in, copies the shipped process in the
 * designer, removes the expert review by drag and drop (its steps deleted from the context pad, a new flow dragged
 * from Label to Quality check), renames and deploys it, files a demand for it with the form, uploads the sample JSONL
 * through the file input, approves; bots label through {@code /api} and the real workers run the automated steps; the
 * release opens in the catalog. Screenshots of every page: target/screenshots/journey-*.png.
 */
@SpringBootTest(classes = RefineryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:designer-journey-browser;DB_CLOSE_DELAY=-1"})
@DirtiesContext
class ManagerJourneyBrowserTest extends BrowserTestSupport {
    private static final String PROCESS_KEY = "support-intents-no-review";
    private static final String DATASET = "journey-support-intents";

    static {
        CamundaRestInJvm.forgetStoppedLongPollHandler();
    }

    @LocalServerPort
    private int port;
    @Autowired
    private RepositoryService repository;
    @Autowired
    private HistoryService history;
    private WorkerRuntime workers;

    @BeforeEach
    void startWorkers() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "journey-work-");
        workers = InJvmWorkers.start(port, "journey", null, work);
        browser.driver.manage().window().setSize(new Dimension(1600, 1000));
    }

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent()) {
            browser.screenshot("FAILED-journey-" + context.getRequiredTestMethod().getName());
        }
    };

    @AfterEach
    void stopWorkers() {
        workers.close();
    }

    @Test
    void managerDrawsDeploysFilesUploadsApprovesAndTheDrawnProcessBuildsTheRelease() throws Exception {
        LoginPage.open(browser).signIn("manager", "manager");
        browser.screenshot("journey-01-inbox");

        // 1. the shipped process, copied: expert review out, the labelling round (Label in its waves) straight to QC
        DesignerPage designer = DesignerPage.open(browser, "template=dataset-construction");
        browser.screenshot("journey-02-designer-shipped-process");
        for (String step : List.of("rework", "reviewGateway", "expertReview")) {
            designer.deleteByContextPad(step);
        }
        designer.connect(io.refinery.workflows.Processes.Steps.LABEL_ROUND, "qc");
        assertThat(designer.successors(io.refinery.workflows.Processes.Steps.LABEL_ROUND)).containsExactly("qc");
        designer.clickCanvasBackground();
        designer.replaceText(designer.processInput("general", "id"), PROCESS_KEY);
        browser.await(d -> PROCESS_KEY.equals(designer.js(
                "return arguments[0]._bpmn.get('canvas').getRootElement().businessObject.id;")));
        designer.click("validate");
        browser.textIs(By.id("dataset-contract"), "Builds a dataset");
        browser.await(d -> d.findElement(By.id("deploy")).getDomAttribute("disabled") == null);
        browser.screenshot("journey-03-designer-without-review-validated");
        designer.click("deploy");
        designer.confirm();
        assertThat(designer.notification("Deployed")).contains(PROCESS_KEY);
        browser.screenshot("journey-04-designer-deployed");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).count()).isEqualTo(1);

        // 2. the demand, filed with the form for the process just drawn
        browser.open("/demands/new");
        type("demand-name", DATASET);
        for (String label : DemoRun.INTENTS) {
            type("demand-labelSet", label);
            browser.driver.findElement(By.id("demand-labelSet-add")).click();
            browser.visible(By.id("label-remove-" + label));
        }
        type("demand-targetSize", "2000");
        type("demand-packageSize", "100");
        type("demand-thresholds-maxDuplicateRate", "0.1");
        type("demand-thresholds-maxSensitiveRatio", "0.05");
        browser.driver.findElement(By.id("demand-processKey")).click();
        browser.visible(By.xpath("//vaadin-select-item[contains(normalize-space(.), '(" + PROCESS_KEY
                + "): latest')]")).click();
        browser.screenshot("journey-05-demand-form");
        browser.driver.findElement(By.id("demand-file")).click();
        browser.await(d -> d.getCurrentUrl().matches(".*/demands/\\d+$"));
        long versionId = Long.parseLong(browser.driver.getCurrentUrl().replaceFirst(".*/demands/", ""));
        browser.visible(By.id("demand-title"));
        browser.screenshot("journey-06-demand-page");

        // 3. the sample, uploaded through the file input of the demand's page
        Path sample = Files.createTempFile(Files.createDirectories(Path.of("target")), "journey-", ".jsonl");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DemoRun.SAMPLE)) {
            Files.copy(in, sample, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(sample, sample.resolveSibling("messages.jsonl"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        sample = sample.resolveSibling("messages.jsonl");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(sample)));
        browser.driver.findElement(By.id("source-file-input")).sendKeys(sample.toAbsolutePath().toString());
        browser.await(d -> d.getPageSource().contains(sha256.substring(0, 12)));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "document.getElementById('demand-sources').scrollIntoView({block: 'start'});");
        browser.screenshot("journey-07-source-uploaded");

        // 4. approval, from the inbox
        browser.open("/");
        TasksPage tasks = new TasksPage(browser);
        tasks.filterDataset(DATASET, "Approve demand");
        tasks.open("Approve demand");
        browser.visible(By.id("decision-title"));
        browser.screenshot("journey-08-approval");
        browser.visible(By.id("approve")).click();
        new TasksPage(browser);

        // 5. bots label over the API; the workers collect, process, pre-label, check and release
        String url = "http://localhost:" + port;
        EngineApi manager = new EngineApi(url, "manager", "manager");
        String instanceId = manager.get("/api/demands/" + versionId).path("processInstanceId").asText();
        DemoBots bots = new DemoBots(url, DemoRun.truth(), 0, 0);
        JsonNode release = null;
        long deadline = System.currentTimeMillis() + 6 * 60_000;
        while (release == null && System.currentTimeMillis() < deadline) {
            int work = 0;
            for (String annotator : List.of("ann1", "ann2", "ann3")) {
                work += bots.annotate(annotator, instanceId);
            }
            try {
                release = manager.get("/api/versions/" + versionId + "/release");
            } catch (EngineApi.ApiError notYet) {
                if (work == 0) {
                    Thread.sleep(500);
                }
            }
        }
        assertThat(release).as("a release within 6 minutes").isNotNull();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                .activityId("expertReview").count()).as("the drawn process has no expert review").isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult()
                .getProcessDefinitionKey()).isEqualTo(PROCESS_KEY);

        // 6. the release in the catalog
        browser.open("/demands");
        browser.visible(By.id("demands"));
        browser.screenshot("journey-09-demand-list-released");
        browser.open("/catalog/release/" + release.path("id").asText());
        browser.await(d -> d.getPageSource().contains(DATASET));
        browser.screenshot("journey-10-release-in-catalog");
        assertThat(browser.driver.getPageSource()).contains(release.path("label").asText());
    }

    /** Types into a Vaadin field by its id, replacing what it holds. */
    private void type(String id, String text) {
        WebElement input = browser.visible(By.cssSelector("#" + id + " input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"));
        input.sendKeys(text);
        input.sendKeys(Keys.TAB);
    }
}
