package io.refinery.designer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.refinery.designer.RefineryApplication;
import io.refinery.engine.catalog.CatalogFixture;
import io.refinery.engine.release.ReleaseService;
import io.refinery.workers.quality.Annotation;
import io.refinery.workers.quality.ItemRecord;
import io.refinery.workers.quality.QualityMetrics;
import io.refinery.workers.report.QualityReportHtml;
import io.refinery.workers.quality.SensitiveTerms;
import io.refinery.workflows.ThresholdValues;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The catalog in a real browser: the manager opens the catalog from the menu, picks a dataset, opens its version 1.0
 * and sees the HTML quality report in its frame, then the diff with 1.1 drawn as bars. Screenshots under
 * target/screenshots/catalog-*.png.
 */
@SpringBootTest(classes = RefineryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:designer-catalog-browser;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
@DirtiesContext
class CatalogBrowserTest extends BrowserTestSupport {
    private static final String DATASET = "browser-catalog-tickets";
    private static final List<String> LABELS = List.of("billing", "delivery", "refund");

    @Autowired
    private ApplicationContext context;

    @Test
    void shouldOpenTheCatalogAReleaseItsReportAndTheDiff() throws Exception {
        CatalogFixture fixture = new CatalogFixture(context);
        long datasetId = fixture.dataset(DATASET);
        List<CatalogFixture.Item> first = CatalogFixture.items("ticket", 90, LABELS);
        JsonNode report = realReport(first);
        ReleaseService.Release v10 = fixture.release(fixture.version(datasetId, LABELS, first), 90, report.toString(),
                QualityReportHtml.render(DATASET, "1.0", report));
        List<CatalogFixture.Item> second = new ArrayList<>(first.subList(15, 90));
        second.addAll(CatalogFixture.items("new ticket", 30, List.of("refund")));
        fixture.release(fixture.version(datasetId, LABELS, second), 105, false);

        TasksPage tasks = LoginPage.open(browser).signIn("manager", "manager");
        assertThat(tasks.title()).isEqualTo("My tasks");
        browser.visible(By.cssSelector("vaadin-side-nav-item[path='catalog']")).click();
        WebElement datasetCell = browser.await(d -> d.findElements(By.cssSelector("vaadin-grid#catalog-datasets vaadin-grid-cell-content"))
                .stream().filter(c -> DATASET.equals(c.getText())).findFirst().orElse(null));
        datasetCell.click();
        browser.textIs(By.cssSelector("h3"), "Versions of " + DATASET);
        browser.screenshot("catalog-01-datasets-and-versions");

        browser.visible(By.id("open-release-" + v10.id())).click();
        browser.textIs(By.id("release-title"), DATASET + " 1.0");
        WebElement frame = browser.visible(By.id("report-frame"));
        browser.driver.switchTo().frame(frame);
        browser.textIs(By.cssSelector("header h1"), "Quality report / 质量报告");
        browser.visible(By.cssSelector("#chart-classes canvas")); // ECharts drew inside the sandboxed frame
        browser.driver.switchTo().defaultContent();
        assertThat(browser.driver.findElement(By.id("release-facts")).getText()).startsWith("90 items · released by worker");
        browser.screenshot("catalog-02-release-report");

        browser.visible(By.id("tab-datasheet")).click();
        browser.textIs(By.cssSelector("#datasheet h3"), "Datasheet");
        browser.screenshot("catalog-03-datasheet");

        browser.visible(By.id("tab-diff")).click();
        browser.textIs(By.id("diff-added"), "Added: 30");
        assertThat(browser.driver.findElement(By.id("diff-removed")).getText()).isEqualTo("Removed: 15");
        assertThat(browser.driver.findElements(By.cssSelector("#class-shift .bar"))).hasSize(6);
        browser.screenshot("catalog-04-diff");
    }

    /**
     * The report the QC worker would write for these items: the real metrics (two annotators, ann2 off on every
     * eighth item) rendered by the real HTML report, so the screenshot shows what a release ships.
     */
    private static JsonNode realReport(List<CatalogFixture.Item> items) {
        Instant now = Instant.now();
        QualityMetrics metrics = new QualityMetrics("text-classification", LABELS, SensitiveTerms.none(), now);
        for (int i = 0; i < items.size(); i++) {
            CatalogFixture.Item item = items.get(i);
            String other = i % 8 == 0 ? LABELS.get((LABELS.indexOf(item.label()) + 1) % LABELS.size()) : item.label();
            metrics.accept(new ItemRecord("i" + i, String.valueOf(i / 30), item.text(),
                    List.of(new Annotation(0, "ann1", item.label()), new Annotation(1, "ann2", other)), item.label(),
                    null, false, now.minus(i % 20, ChronoUnit.DAYS)));
        }
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .valueToTree(metrics.result(ThresholdValues.defaults(), items.size() + 3, 3, 0));
    }
}
