package io.refinery.designer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.designer.RefineryApplication;
import io.refinery.engine.catalog.CatalogFixture;
import io.refinery.engine.release.ReleaseService;
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
        ReleaseService.Release v10 = fixture.release(fixture.version(datasetId, LABELS, first), 90, true);
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
        browser.textIs(By.id("report-title"), "Quality report");
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
}
