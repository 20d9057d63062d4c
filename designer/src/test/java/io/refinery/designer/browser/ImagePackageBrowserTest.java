package io.refinery.designer.browser;

import io.refinery.engine.tasks.TaskKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.designer.LabelingFixture;
import io.refinery.designer.RefineryApplication;
import io.refinery.designer.labeling.image.Box;
import io.refinery.engine.labeling.PackageWork;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * An image-bbox work package in headless Chromium through the real engine: the annotator opens it from the inbox,
 * draws a box on the item's uploaded picture with the mouse, gives it a class with a key and goes on with Enter; the
 * answer is in the engine. The expert then sees both annotators' boxes over the picture with their IoU.
 */
@SpringBootTest(classes = RefineryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:designer-image-package-browser;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
@DirtiesContext
class ImagePackageBrowserTest extends BrowserTestSupport {
    private static final String DATASET = "browser-image-boxes";
    private static final List<String> PICTURES = List.of("scene-01.png", "scene-02.png", "scene-03.png");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private ApplicationContext context;
    @Autowired
    private PackageWork labeling;

    @Autowired
    private io.refinery.engine.tasks.Tasks tasks;

    @Test
    void annotatorDrawsABoxInAPackageAndTheExpertSeesBothAnnotators() throws Exception {
        LabelingFixture fixture = new LabelingFixture(context);
        var build = fixture.upToLabelling(DATASET, "image-bbox", List.of("crack", "corrosion", "valve", "person"),
                PICTURES, null);
        fixture.uploadImages(build, PICTURES);

        LoginPage.open(browser).signIn("ann1", "ann1").open(DATASET);
        WorkPackagePage pkg = new WorkPackagePage(browser);
        ImageLabelingPage picture = new ImageLabelingPage(browser, "bbox-editor");
        assertThat(pkg.itemText()).isEqualTo("scene-01.png");
        picture.press("3"); // valve
        picture.drag(60, 50, 160, 130);
        String taskId = browser.driver.getCurrentUrl().replaceAll(".*/package/", "");
        browser.await(d -> {
            var value = labeling.openPackage(taskId, LabelingFixture.user("ann1")).items().get(0).value();
            return value != null && value.path("boxes").size() == 1;
        });
        Box saved = Box.fromJson(labeling.openPackage(taskId, LabelingFixture.user("ann1")).items().get(0).value().toString())
                .get(0);
        assertThat(saved.label()).isEqualTo("valve");
        assertThat(saved.x()).isCloseTo(60, org.assertj.core.data.Offset.offset(ImageLabelingBrowserTest.TOLERANCE));
        assertThat(saved.w()).isCloseTo(100, org.assertj.core.data.Offset.offset(ImageLabelingBrowserTest.TOLERANCE));
        browser.await(d -> "1 of 3 done".equals(d.findElement(By.id("package-progress-text")).getDomProperty("textContent")));
        browser.screenshot("images-10-package-bbox");
        picture.press(org.openqa.selenium.Keys.ENTER); // saved, on to the next picture (the header is scrolled away)
        browser.await(d -> "Item 2 of 3".equals(d.findElement(By.id("package-position")).getDomProperty("textContent")));
        browser.await(d -> d.findElement(By.cssSelector("#bbox-editor refinery-box-canvas")).getDomAttribute("src") != null);

        // the rest through the service, as another annotator's browser would
        for (int i = 1; i < PICTURES.size(); i++) {
            labeling.annotate(taskId, labeling.openPackage(taskId, LabelingFixture.user("ann1")).items().get(i).itemId(),
                    JSON.readTree("{\"boxes\":[]}"), LabelingFixture.user("ann1"));
        }
        tasks.complete(taskId, null, LabelingFixture.user("ann1"));
        String other = fixture.labelTask(build, "ann2", true);
        for (var item : labeling.openPackage(other, LabelingFixture.user("ann2")).items()) {
            labeling.annotate(other, item.itemId(), JSON.readTree("{\"boxes\":[{\"x\":70,\"y\":50,\"w\":100,\"h\":80,"
                    + "\"label\":\"valve\"}]}"), LabelingFixture.user("ann2"));
        }
        tasks.complete(other, null, LabelingFixture.user("ann2"));
        browser.close();

        browser = new Browser(browser.baseUrl, "en-US");
        String review = fixture.task(build, "expert", TaskKind.REVIEW.id());
        LoginPage.open(browser).signIn("expert", "expert");
        browser.open("/review/" + review);
        browser.visible(By.cssSelector(".review-boxes refinery-box-canvas img.rbc-image"));
        browser.await(d -> d.findElements(By.cssSelector(".review-boxes .matching-summary")).stream()
                .anyMatch(e -> e.getText().contains("IoU")));
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'start'})",
                browser.driver.findElement(By.cssSelector(".review-item")));
        browser.screenshot("images-11-review-boxes");
    }
}
