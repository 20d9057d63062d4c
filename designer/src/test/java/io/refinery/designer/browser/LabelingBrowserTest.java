package io.refinery.designer.browser;

import io.refinery.engine.tasks.TaskKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.designer.LabelingFixture;
import io.refinery.designer.RefineryApplication;
import io.refinery.engine.labeling.PackageWork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Labelling end to end in headless Chromium through the real engine: two annotators label a package with the
 * keyboard alone, one of them after the browser died mid-package; the expert rejects an item with a reason; the
 * rework reaches the annotator with that reason. Screenshots of each labelling UI and the review go to
 * target/screenshots.
 */
@SpringBootTest(classes = RefineryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:designer-labeling-browser;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
@DirtiesContext
class LabelingBrowserTest {
    private static final String DATASET = "browser-labeling";
    private static final List<String> TEXTS = List.of("My parcel never arrived", "<script>alert('x')</script> refund please",
            "The invoice shows the wrong amount", "Where is my order?", "I was charged twice");

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private PackageWork labeling;

    @Autowired
    private io.refinery.engine.review.ExpertReview review;
    private Browser browser;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        var dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "labeling-browser-data-");
        registry.add("refinery.data-dir", dir::toString);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private TasksPage signIn(String user) {
        browser = new Browser("http://localhost:" + port, "en-US");
        return LoginPage.open(browser).signIn(user, user);
    }

    @Test
    void twoAnnotatorsLabelByKeyboardTheExpertRejectsAndTheReworkReachesTheAnnotator() {
        LabelingFixture fixture = new LabelingFixture(context);
        var build = fixture.upToLabelling(DATASET, "text-classification", List.of("delivery", "refund", "billing"), TEXTS,
                Arrays.asList("delivery", "refund", null, null, null));

        // ann1: opens the task from the list, labels all five items with digits + Enter only, submits
        signIn("ann1").open(DATASET);
        WorkPackagePage pkg = new WorkPackagePage(browser);
        assertThat(pkg.progress()).isEqualTo("0 of 5 done");
        assertThat(pkg.position()).isEqualTo("Item 1 of 5");
        for (int i = 1; i <= 5; i++) {
            if (i == 2) {
                assertThat(pkg.itemText()).as("markup is text").isEqualTo("<script>alert('x')</script> refund please");
                browser.screenshot("10-label-text-classification");
            }
            pkg.pickClass(i <= 2 ? i : 3, i, 5);
            if (i < 5) {
                pkg.enter(i + 1, 5);
            }
        }
        assertThat(pkg.submitEnabled()).isTrue();
        pkg.submit();
        browser.close();

        // ann2: labels two items, the browser dies; after signing in again the package resumes where it stopped
        signIn("ann2").open(DATASET);
        pkg = new WorkPackagePage(browser);
        pkg.pickClass(1, 1, 5);
        pkg.enter(2, 5);
        pkg.pickClass(2, 2, 5);
        pkg.enter(3, 5);
        browser.close(); // driver.quit(): no goodbye to the server
        signIn("ann2").open(DATASET);
        pkg = new WorkPackagePage(browser);
        assertThat(pkg.position()).as("resumes at the first unanswered item").isEqualTo("Item 3 of 5");
        assertThat(pkg.progress()).isEqualTo("2 of 5 done");
        pkg.arrow(Keys.ARROW_LEFT, 2, 5);
        assertThat(pkg.classPressed(1)).as("earlier answer kept").isTrue();
        pkg.arrow(Keys.ARROW_RIGHT, 3, 5);
        pkg.pickClass(1, 3, 5);
        pkg.enter(4, 5);
        pkg.pickClass(3, 4, 5);
        pkg.enter(5, 5);
        pkg.pickClass(3, 5, 5);
        pkg.submit();
        browser.close();

        // the expert sees both answers, rejects item 3 (ann1: billing, ann2: delivery) with a reason
        String reviewId = fixture.task(build, "expert", TaskKind.REVIEW.id());
        long disputed = review.openReview(reviewId, LabelingFixture.user("expert"), true).get(0).itemId();
        signIn("expert").open(DATASET);
        browser.await(d -> d.getCurrentUrl().contains("/review/"));
        browser.visible(By.id("review-item-" + disputed));
        assertThat(browser.driver.findElements(By.cssSelector(".review-item"))).hasSize(5);
        assertThat(browser.driver.findElements(By.cssSelector("span.disagreement"))).hasSize(1);
        browser.driver.findElement(By.cssSelector("#reason-" + disputed + " input")).sendKeys("Invoice means billing, read again");
        browser.driver.findElement(By.id("reject-" + disputed)).click();
        browser.await(d -> d.findElements(By.cssSelector("span.decision")).stream()
                .anyMatch(e -> e.getText().contains("Invoice means billing")));
        browser.screenshot("20-review");
        var complete = browser.driver.findElement(By.id("complete-review"));
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", complete);
        browser.await(d -> complete.isDisplayed() && complete.isEnabled());
        complete.click();
        browser.await(d -> !d.getCurrentUrl().contains("/review/"));
        browser.close();

        // the rework task reaches ann1 with the reason
        TasksPage tasks = signIn("ann1");
        tasks.awaitCell("Rework");
        tasks.open(DATASET);
        pkg = new WorkPackagePage(browser);
        assertThat(pkg.reworkReason()).isEqualTo("Rejected by the expert: Invoice means billing, read again");
        assertThat(pkg.progress()).isEqualTo("0 of 1 done");
        browser.screenshot("30-rework");
    }

    @Test
    void namedEntitiesAreSelectedWithTheMouseAndInstructionsEdited() {
        LabelingFixture fixture = new LabelingFixture(context);
        var ner = fixture.upToLabelling("browser-ner", "ner", List.of("PER", "ORG", "LOC"),
                List.of("😀 Anna Li called ACME support in Berlin", "Bob"), null);
        String nerTask = fixture.labelTask(ner, "ann3", true);
        var instr = fixture.upToLabelling("browser-instruction", "instruction", List.of("ok"),
                List.of("{\"instruction\":\"Summarize the complaint\",\"input\":\"My parcel was late twice and nobody answered.\","
                        + "\"output\":\"\"}", "x"), null);
        String instrTask = fixture.labelTask(instr, "ann3", true);

        signIn("ann3");
        browser.open("/package/" + nerTask);
        browser.visible(By.id("ner-text"));
        // select "Anna Li" (UTF-16 offsets 3..10) with a real DOM selection, as a mouse drag leaves it, then pick PER
        select("#ner-text", 3, 10);
        browser.driver.findElement(By.id("ner-label-0")).click();
        browser.await(d -> d.findElements(By.cssSelector(".ner-span")).size() == 1);
        select("#ner-text", 18, 22);
        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys("2").perform();
        browser.await(d -> d.findElements(By.cssSelector(".ner-span")).size() == 2);
        // a selection outside the text container is ignored
        select("#package-position", 0, 4);
        browser.driver.findElement(By.id("ner-label-2")).click();
        assertThat(browser.driver.findElements(By.cssSelector(".ner-span"))).hasSize(2);
        assertThat(labeling.openPackage(nerTask, LabelingFixture.user("ann3")).items().get(0).value().toString())
                .isEqualTo("{\"spans\":[{\"start\":3,\"end\":10,\"label\":\"PER\"},{\"start\":18,\"end\":22,\"label\":\"ORG\"}]}");
        browser.driver.executeScript("window.getSelection().removeAllRanges()");
        browser.screenshot("11-label-ner");

        var multi = fixture.upToLabelling("browser-multilabel", "text-multilabel", List.of("delivery", "refund", "billing"),
                List.of("Late parcel and I want my money back", "x"), null);
        String multiTask = fixture.labelTask(multi, "ann3", true);
        browser.open("/package/" + multiTask);
        WorkPackagePage pkg = new WorkPackagePage(browser);
        pkg.pickClass(1, 1, 2);
        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys("2").perform();
        browser.await(d -> pkg.classPressed(1));
        assertThat(pkg.classPressed(0)).as("multi-label keys toggle each class").isTrue();
        browser.await(d -> labeling.openPackage(multiTask, LabelingFixture.user("ann3")).items().get(0).value()
                .toString().equals("{\"labels\":[\"delivery\",\"refund\"]}"));
        browser.screenshot("13-label-text-multilabel");

        browser.open("/package/" + instrTask);
        browser.visible(By.id("instruction"));
        browser.driver.findElement(By.cssSelector("#output textarea")).sendKeys("Late parcel twice, no answer from support.");
        browser.screenshot("12-label-instruction");
    }

    /** Selects characters [start, end) of the text inside the element, as a mouse drag would. */
    private void select(String css, int start, int end) {
        browser.driver.executeScript("""
                const root = document.querySelector(arguments[0]);
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                let pos = 0, node, range = document.createRange(), startSet = false;
                while ((node = walker.nextNode())) {
                  const len = node.textContent.length;
                  if (!startSet && arguments[1] <= pos + len) { range.setStart(node, arguments[1] - pos); startSet = true; }
                  if (startSet && arguments[2] <= pos + len) { range.setEnd(node, arguments[2] - pos); break; }
                  pos += len;
                }
                const sel = window.getSelection();
                sel.removeAllRanges();
                sel.addRange(range);""", css, start, end);
    }
}
