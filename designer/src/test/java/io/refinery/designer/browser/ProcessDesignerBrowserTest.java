package io.refinery.designer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.designer.RefineryApplication;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.runtime.WorkerRuntime;
import io.refinery.workflows.Vars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The designer's acceptance flow in a real browser, with the real external workers polling the platform over HTTP:
 * a manager opens the "collect-prelabel" template, drags the Process step from the palette onto the flow between
 * Collect and Pre-label, sets two operators in its properties panel, validates (fixing a lint error in the properties
 * panel on the way), deploys, starts a test instance, and the stored items show the operators applied.
 */
@SpringBootTest(classes = RefineryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:designer-modeler-browser;DB_CLOSE_DELAY=-1"})
@DirtiesContext
class ProcessDesignerBrowserTest extends BrowserTestSupport {
    private static final String PROCESS_TEMPLATE = "io.refinery.step.process";
    private static final Pattern INSTANCE_ID = Pattern.compile("([0-9a-f]{8}-[0-9a-f-]{27,})");

    static {
        CamundaRestInJvm.forgetStoppedLongPollHandler();
    }

    @LocalServerPort
    private int port;
    @Autowired
    private HistoryService history;
    private WorkerRuntime workers;
    private Path collectRoot;

    @BeforeEach
    void startWorkers() throws Exception {
        collectRoot = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "designer-collect-");
        workers = InJvmWorkers.start(port, "designer-test", collectRoot, collectRoot.resolve("work"));
        browser.driver.manage().window().setSize(new Dimension(1600, 1000));
    }

    /** Before the browser closes: what the page looked like when a step failed. */
    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent()) {
            browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
        }
    };

    @AfterEach
    void stopWorkers() {
        workers.close();
    }

    @Test
    void managerInsertsAProcessStepDeploysItAndTheInstanceAppliesItsOperators() throws Exception {
        Path folder = Files.createDirectories(collectRoot.resolve("designer-acceptance"));
        Files.writeString(folder.resolve("messages.jsonl"), String.join("\n",
                "{\"id\":\"m1\",\"text\":\"\uff2d\uff59  bill is wrong, mail me at li.lei@example.com\"}",
                "{\"id\":\"m2\",\"text\":\"\u505c\u7535\u4e86\uff0c\u8bf7\u56de\u7535 13812345678\"}",
                "{\"id\":\"m3\",\"text\":\"Installation   appointment\u3000tomorrow?\"}") + "\n", StandardCharsets.UTF_8);

        LoginPage.open(browser).signIn("manager", "manager");
        DesignerPage page = DesignerPage.open(browser, "template=collect-prelabel");
        page.paletteStep(PROCESS_TEMPLATE);
        browser.screenshot("designer-01-template-and-dataset-palette");

        // drag "Process" from the palette onto the flow Collect -> Pre-label: bpmn-js splits the flow
        Map<String, Number> flow = page.center("flow_collect_prelabel");
        page.dragStepTo(PROCESS_TEMPLATE, flow.get("x").doubleValue(), flow.get("y").doubleValue());
        String step = page.awaitElementWithTemplate(PROCESS_TEMPLATE);
        assertThat(page.predecessors(step)).containsExactly("collect");
        assertThat(page.successors(step)).containsExactly("prelabel");
        assertThat(page.successors("collect")).containsExactly(step);

        // its properties: two operators, in order
        page.select(step);
        WebElement operators = page.templateInput("Operators");
        page.replaceText(operators, "normalize, mask-pii");
        browser.await(d -> "normalize, mask-pii".equals(page.inputParameter(step, "operators")));
        browser.screenshot("designer-02-process-step-properties");

        // a lint error on the way: the process lost its history time to live
        page.clickCanvasBackground();
        WebElement ttl = page.processInput("CamundaPlatform__HistoryCleanup", "historyTimeToLive");
        page.replaceText(ttl, "");
        browser.await(d -> {
            String ttlNow = page.historyTimeToLive();
            return ttlNow == null || ttlNow.isEmpty();
        });
        page.click("validate");
        browser.await(d -> page.problemTexts().stream().anyMatch(t -> t.contains("history time to live")));
        browser.screenshot("designer-03-lint-error-history-ttl");
        assertThat(browser.driver.findElement(By.id("deploy")).getDomAttribute("disabled")).isNotNull();

        page.replaceText(page.processInput("CamundaPlatform__HistoryCleanup", "historyTimeToLive"), "30");
        browser.await(d -> "30".equals(page.historyTimeToLive()));
        browser.await(d -> page.problemTexts().stream().noneMatch(t -> t.contains("history time to live")));
        page.click("validate");
        browser.await(d -> browser.driver.findElement(By.id("deploy")).getDomAttribute("disabled") == null);

        page.click("deploy");
        page.confirm();
        String deployed = page.notification("Deployed collect-prelabel version");
        assertThat(deployed).matches("Deployed collect-prelabel version \\d+");

        page.click("start-test");
        WebElement source = browser.visible(By.cssSelector("#test-source input"));
        source.sendKeys("folder:designer-acceptance");
        browser.screenshot("designer-04-test-instance-dialog");
        browser.driver.findElement(By.id("test-start")).click();
        String started = page.notification("Test instance started");
        // the deployed version's runs drawn on the diagram: at least the start event the test instance went through
        browser.await(d -> !d.findElements(By.cssSelector("refinery-bpmn-modeler .rbm-counts .rbm-count")).isEmpty());
        browser.screenshot("designer-09-runs-on-the-diagram");
        Matcher m = INSTANCE_ID.matcher(started);
        assertThat(m.find()).as(started).isTrue();
        String instanceId = m.group(1);

        long versionId = ((Number) history.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
                .variableName(Vars.VERSION_ID).singleResult().getValue()).longValue();
        EngineApi manager = new EngineApi("http://localhost:" + port, "manager", "manager");
        JsonNode processStats = awaitStats(manager, versionId, "process", Duration.ofSeconds(90));
        assertThat(processStats.path("operators").toString()).isEqualTo("[\"normalize\",\"mask-pii\"]");
        List<String> texts = new ArrayList<>();
        manager.streamNdjson("/api/versions/" + versionId + "/items", item -> texts.add(item.path("text").asText()));
        assertThat(texts).containsExactlyInAnyOrder("My bill is wrong, mail me at [EMAIL]",
                "\u505c\u7535\u4e86,\u8bf7\u56de\u7535 [PHONE]", "Installation appointment tomorrow?");
        // the worker stores the stats before it completes its external task: the step finishes a moment later
        browser.await(d -> history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                .activityId(step).finished().count() == 1);
        System.out.println("[designer-acceptance] instance " + instanceId + " version " + versionId + " items " + texts);
    }

    @Test
    void importsBpmnFilesOfOtherToolsAndExportsThemWithoutLosingElementsOrExtensions() throws Exception {
        LoginPage.open(browser).signIn("manager", "manager");
        DesignerPage page = DesignerPage.open(browser, "template=collect-prelabel");
        List<Path> files;
        try (var listing = Files.list(Path.of("src", "test", "resources", "interop"))) {
            files = listing.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path file : files) {
            long start = System.nanoTime();
            String original = Files.readString(file, StandardCharsets.UTF_8);
            String name = file.getFileName().toString().replaceFirst("\\.bpmn$", "");
            page.importFile(file);
            browser.await(d -> name.equals(d.findElement(By.id("document-name")).getText()));
            page.awaitShapes();
            if (file.getFileName().toString().startsWith("camunda-modeler-order")) {
                browser.screenshot("designer-05-imported-" + name);
            }
            String exported = page.xml();
            XmlFacts before = XmlFacts.of(original);
            XmlFacts after = XmlFacts.of(exported);
            assertThat(after.ids()).as("ids of %s", name).containsAll(before.ids());
            assertThat(after.vendorElements()).as("vendor elements of %s", name)
                    .containsAll(before.vendorElements());
            assertThat(after.vendorAttributes()).as("vendor attributes of %s", name)
                    .containsAll(before.vendorAttributes());
            System.out.printf("[interop] %s: %d ids, %d vendor elements, %d vendor attributes kept (%d ms)%n", name,
                    before.ids().size(), before.vendorElements().size(), before.vendorAttributes().size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Test
    void showsAValidationErrorOnTheElementAndSelectsItFromTheList() {
        LoginPage.open(browser).signIn("manager", "manager");
        DesignerPage page = DesignerPage.open(browser, "template=collect-prelabel");
        // a user task appended to Pre-label with no candidate group and no way on: two lint errors on it
        String task = (String) page.js("const bpmn = arguments[0]._bpmn;"
                + "const prelabel = bpmn.get('elementRegistry').get('prelabel');"
                + "const shape = bpmn.get('elementFactory').createShape({type: 'bpmn:UserTask'});"
                + "const created = bpmn.get('modeling').createShape(shape, {x: prelabel.x + 50, y: prelabel.y + 200},"
                + " prelabel.parent); bpmn.get('modeling').updateLabel(created, 'Check by hand');"
                + "return created.id;");
        page.click("validate");
        browser.await(d -> page.problemTexts().stream().anyMatch(t -> t.startsWith("User task without assignee")));
        assertThat(page.problemTexts()).anyMatch(t -> t.startsWith("Not connected"));
        assertThat(browser.driver.findElements(By.cssSelector(
                "refinery-bpmn-modeler .djs-overlays[data-container-id='" + task + "'] .bjsl-overlay"))).isNotEmpty();
        page.clickProblem("User task without assignee");
        browser.await(d -> List.of(task).equals(page.selection()));
        browser.screenshot("designer-06-validation-error-on-element");
        assertThat(browser.driver.findElement(By.id("deploy")).getDomAttribute("disabled")).isNotNull();

        page.clickElement(task);
        page.undoByKeyboard(); // Ctrl+Z on the canvas: the label, then the task
        page.undoByKeyboard();
        browser.await(d -> !page.elementIds().contains(task));
    }

    @Test
    void speaksChineseInThePaletteTheMenusAndThePropertiesPanel() {
        LoginPage.open(browser).signIn("manager", "manager");
        DesignerPage page = DesignerPage.open(browser, "template=collect-prelabel");
        By startEvent = By.cssSelector("refinery-bpmn-modeler .djs-palette .entry[data-action='create.start-event']");
        By generalGroup = By.cssSelector("refinery-bpmn-modeler [data-group-id='group-general']"
                + " .bio-properties-panel-group-header-title");
        browser.await(d -> "Create start event".equals(d.findElement(startEvent).getDomAttribute("aria-label")));
        browser.textIs(generalGroup, "General");

        browser.driver.findElement(By.id("language-zh")).click();
        // the palette and the properties panel change language in place: the same diagram, no reload
        browser.await(d -> "创建开始事件".equals(d.findElement(startEvent).getDomAttribute("aria-label")));
        browser.textIs(generalGroup, "常规");
        page.select("collect");
        WebElement appendEnd = browser.visible(By.cssSelector(".djs-context-pad .entry[data-action='append.end-event']"));
        assertThat(appendEnd.getDomAttribute("title")).isEqualTo("添加结束事件");
        browser.screenshot("designer-08-chinese");

        browser.driver.findElement(By.id("language-en")).click();
        browser.await(d -> "Create start event".equals(d.findElement(startEvent).getDomAttribute("aria-label")));
    }

    @Test
    void opensTheQcGateDecisionTableInTheDecisionEditor() {
        LoginPage.open(browser).signIn("manager", "manager");
        browser.open("/processes/decisions");
        browser.visible(By.cssSelector("refinery-dmn-editor .tjs-table"));
        browser.await(d -> d.findElement(By.id("document-name")).getText().startsWith("Deployed \u00b7 qc-gate v"));
        browser.screenshot("designer-07-dmn-editor-qc-gate");
        assertThat(browser.driver.findElements(By.cssSelector("refinery-dmn-editor .tjs-table tbody tr")))
                .isNotEmpty();
    }

    private static JsonNode awaitStats(EngineApi api, long versionId, String step, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            JsonNode stats = api.get("/api/versions/" + versionId).path("stats").path(step);
            if (!stats.isMissingNode() && !stats.isNull()) {
                return stats;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + step + " stats for version " + versionId + " after " + timeout);
    }
}
