package io.refinery.designer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.designer.RefineryApplication;
import io.refinery.engine.modeling.Deployment;
import io.refinery.engine.modeling.ModelFile;
import io.refinery.engine.modeling.ModelKind;
import io.refinery.engine.modeling.ProcessModels;
import io.refinery.engine.system.CurrentUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Figures, not a test ({@code ./mvnw -B -pl designer -am verify -Pbench}): the designer's load time in headless
 * Chromium, the import of a generated diagram of 200 flow nodes and 199 sequence flows with full DI (in the browser,
 * and through Import = upload, the engine's safe read, bpmn-js import and render, lint), and its deploy (the engine's
 * validate + deploy, and the whole Deploy click in the UI).
 */
@SpringBootTest(classes = RefineryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:designer-bench;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
@DirtiesContext
class DesignerBenchmark extends BrowserTestSupport {
    private static final int NODES = 200;
    private static final int RUNS = 5;

    @Autowired
    private ProcessModels models;

    @Test
    void designerLoadImportAndDeployOfA200ElementDiagram() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(1600, 1000));
        LoginPage.open(browser).signIn("manager", "manager");
        List<Long> loads = new ArrayList<>();
        for (int i = 0; i < RUNS + 1; i++) {
            long start = System.nanoTime();
            DesignerPage.open(browser, "template=collect-prelabel");
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (i > 0) {
                loads.add(ms); // the first load fills the browser's cache
            }
        }
        String xml = generated(NODES);
        DesignerPage page = new DesignerPage(browser);
        List<Long> browserImports = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Number ms = (Number) page.asyncJs("const t = performance.now(); el.open(arguments[1], false)"
                    + ".then(() => done(performance.now() - t), e => done(-1));", xml);
            assertThat(ms.doubleValue()).isPositive();
            browserImports.add(Math.round(ms.doubleValue()));
        }
        assertThat(page.elementIds()).contains("task_" + (NODES - 2));

        Path file = Files.createTempFile(Files.createDirectories(Path.of("target")), "bench-200-", ".bpmn");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        String name = file.getFileName().toString().replaceFirst("\\.bpmn$", "");
        List<Long> uiImports = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            browser.open(DesignerPage.PATH + "?template=collect-prelabel");
            page = new DesignerPage(browser);
            long start = System.nanoTime();
            page.importFile(file);
            browser.await(d -> name.equals(d.findElement(By.id("document-name")).getText()));
            DesignerPage p = page;
            browser.await(d -> p.elementIds().contains("task_" + (NODES - 2)));
            uiImports.add((System.nanoTime() - start) / 1_000_000);
        }
        browser.screenshot("bench-200-elements");

        List<Long> validates = new ArrayList<>();
        List<Long> deploys = new ArrayList<>();
        CurrentUser manager = new CurrentUser("manager", List.of("managers"), List.of("MANAGER"));
        for (int i = 0; i < RUNS; i++) {
            List<ModelFile> files = List.of(new ModelFile("bench-200.bpmn", ModelKind.BPMN, xml));
            long start = System.nanoTime();
            assertThat(models.validate(files).problems()).isEmpty();
            validates.add((System.nanoTime() - start) / 1_000_000);
            start = System.nanoTime();
            Deployment deployment = models.deploy("bench-200", files, manager);
            deploys.add((System.nanoTime() - start) / 1_000_000);
            assertThat(deployment.definitions()).hasSize(1);
        }

        long start = System.nanoTime();
        page.click("validate");
        browser.await(d -> d.findElement(By.id("deploy")).getDomAttribute("disabled") == null);
        long uiValidate = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        page.click("deploy");
        page.confirm();
        page.notification("Deployed bench-200 version");
        long uiDeploy = (System.nanoTime() - start) / 1_000_000;

        System.out.println("== Designer benchmark (headless Chromium, " + NODES + " flow nodes + " + (NODES - 1)
                + " sequence flows with DI, " + xml.length() / 1024 + " KiB; median of " + RUNS + ")");
        System.out.println(line("designer load (navigate -> template drawn)", loads));
        System.out.println(line("import in the browser (bpmn-js importXML + fit + lint)", browserImports));
        System.out.println(line("Import button (upload + engine read + import + render)", uiImports));
        System.out.println(line("engine validate (safe read + Camunda parse + lint)", validates));
        System.out.println(line("engine deploy (validate + deploy, new version)", deploys));
        System.out.println(String.format(Locale.ROOT, "%-58s %6d ms", "UI Validate click -> Deploy enabled",
                uiValidate));
        System.out.println(String.format(Locale.ROOT, "%-58s %6d ms", "UI Deploy click + confirm -> notification",
                uiDeploy));
    }

    private static String line(String what, List<Long> ms) {
        List<Long> sorted = ms.stream().sorted().toList();
        return String.format(Locale.ROOT, "%-58s %6d ms  (min %d, max %d)", what, sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** start, n-2 external service tasks in rows of 20, end; sequence flows with waypoints; BPMNShape per node. */
    static String generated(int nodes) {
        StringBuilder process = new StringBuilder();
        StringBuilder di = new StringBuilder();
        for (int i = 0; i < nodes; i++) {
            String id = i == 0 ? "start" : i == nodes - 1 ? "end" : "task_" + i;
            int col = i % 20;
            int row = i / 20;
            int x = 100 + col * 150;
            int y = 100 + row * 140;
            boolean event = i == 0 || i == nodes - 1;
            int w = event ? 36 : 100;
            int h = event ? 36 : 80;
            String in = i == 0 ? "" : "<bpmn:incoming>f_" + (i - 1) + "</bpmn:incoming>";
            String out = i == nodes - 1 ? "" : "<bpmn:outgoing>f_" + i + "</bpmn:outgoing>";
            if (i == 0) {
                process.append("<bpmn:startEvent id=\"start\">").append(out).append("</bpmn:startEvent>\n");
            } else if (i == nodes - 1) {
                process.append("<bpmn:endEvent id=\"end\">").append(in).append("</bpmn:endEvent>\n");
            } else {
                process.append("<bpmn:serviceTask id=\"").append(id).append("\" name=\"Step ").append(i)
                        .append("\" camunda:type=\"external\" camunda:topic=\"bench.step\">").append(in).append(out)
                        .append("</bpmn:serviceTask>\n");
            }
            int sy = event ? y + 22 : y;
            di.append("<bpmndi:BPMNShape id=\"").append(id).append("_di\" bpmnElement=\"").append(id)
                    .append("\"><dc:Bounds x=\"").append(x).append("\" y=\"").append(sy).append("\" width=\"")
                    .append(w).append("\" height=\"").append(h).append("\"/></bpmndi:BPMNShape>\n");
        }
        for (int i = 0; i < nodes - 1; i++) {
            String source = i == 0 ? "start" : "task_" + i;
            String target = i + 1 == nodes - 1 ? "end" : "task_" + (i + 1);
            process.append("<bpmn:sequenceFlow id=\"f_").append(i).append("\" sourceRef=\"").append(source)
                    .append("\" targetRef=\"").append(target).append("\"/>\n");
            int col = i % 20;
            int row = i / 20;
            int x1 = 100 + col * 150 + (i == 0 ? 36 : 100);
            int y1 = 100 + row * 140 + 40;
            int nextCol = (i + 1) % 20;
            int nextRow = (i + 1) / 20;
            int x2 = 100 + nextCol * 150;
            int y2 = 100 + nextRow * 140 + 40;
            di.append("<bpmndi:BPMNEdge id=\"f_").append(i).append("_di\" bpmnElement=\"f_").append(i).append("\">");
            if (nextRow == row) {
                di.append(wp(x1, y1)).append(wp(x2, y2));
            } else {
                di.append(wp(x1, y1)).append(wp(x1 + 20, y1)).append(wp(x1 + 20, y2 - 70)).append(wp(x2 - 20, y2 - 70))
                        .append(wp(x2 - 20, y2)).append(wp(x2, y2));
            }
            di.append("</bpmndi:BPMNEdge>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
                + " xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\""
                + " xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\""
                + " xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\""
                + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"bench_defs\""
                + " targetNamespace=\"http://refinery.io/bench\">\n"
                + "<bpmn:process id=\"bench-200\" isExecutable=\"true\" camunda:historyTimeToLive=\"7\">\n"
                + process + "</bpmn:process>\n"
                + "<bpmndi:BPMNDiagram id=\"bench_diagram\"><bpmndi:BPMNPlane id=\"bench_plane\""
                + " bpmnElement=\"bench-200\">\n" + di + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n"
                + "</bpmn:definitions>\n";
    }

    private static String wp(int x, int y) {
        return "<di:waypoint x=\"" + x + "\" y=\"" + y + "\"/>";
    }
}
