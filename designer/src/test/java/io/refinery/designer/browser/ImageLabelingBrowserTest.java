package io.refinery.designer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.designer.RefineryApplication;
import io.refinery.designer.labeling.image.Box;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The bounding-box editor in a real browser, driven with the mouse: draw, class by key, move, resize, delete, zoom and
 * draw again. Every coordinate is checked where it matters: in the value the Java side received, in image pixels.
 */
@SpringBootTest(classes = RefineryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:designer-image-browser;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
@DirtiesContext
class ImageLabelingBrowserTest extends BrowserTestSupport {
    /** Allowed difference between the mouse drag and the box, in image pixels. */
    static final double TOLERANCE = 2;


    @Test
    void shouldDrawClassifyMoveResizeDeleteAndDrawAgainWhenZoomed() {
        LoginPage.open(browser).signIn("ann1", "ann1");
        browser.open(ImageLabelingPage.PATH);
        ImageLabelingPage page = new ImageLabelingPage(browser);
        assertThat(page.zoomText()).isEqualTo("100 %"); // 480 px wide sample fits: one image pixel per CSS pixel

        page.drag(100, 80, 220, 160);
        Box drawn = page.awaitBoxes(b -> b.size() == 1).get(0);
        report("draw at 100%", drawn, 100, 80, 120, 80);
        assertBox(drawn, 100, 80, 120, 80);
        assertThat(drawn.label()).isEqualTo("crack"); // the current class, the first one by default
        browser.screenshot("images-01-drawn");

        page.press("2");
        Box classified = page.awaitBoxes(b -> b.size() == 1 && "corrosion".equals(b.get(0).label())).get(0);
        assertBox(classified, 100, 80, 120, 80);
        browser.screenshot("images-02-class-by-key");

        page.drag(160, 120, 190, 140); // grab the middle, move by (+30, +20)
        Box moved = page.awaitBoxes(b -> b.size() == 1 && Math.abs(b.get(0).x() - 130) <= TOLERANCE).get(0);
        report("move", moved, 130, 100, 120, 80);
        assertBox(moved, 130, 100, 120, 80);
        assertThat(moved.label()).isEqualTo("corrosion");

        page.drag(250, 180, 270, 190); // bottom-right corner handle by (+20, +10)
        Box resized = page.awaitBoxes(b -> b.size() == 1 && Math.abs(b.get(0).w() - 140) <= TOLERANCE).get(0);
        report("resize", resized, 130, 100, 140, 90);
        assertBox(resized, 130, 100, 140, 90);
        browser.screenshot("images-03-moved-resized");

        page.pressDelete();
        page.awaitBoxes(List::isEmpty);
        browser.screenshot("images-04-deleted");

        page.click(".zoom-in");
        page.click(".zoom-in");
        browser.await(d -> page.zoomText().equals("156 %"));
        double zoom = 1.25 * 1.25;
        page.drag(200 * zoom, 150 * zoom, 260 * zoom, 200 * zoom);
        Box zoomed = page.awaitBoxes(b -> b.size() == 1).get(0);
        report("draw at 156%", zoomed, 200, 150, 60, 50);
        assertBox(zoomed, 200, 150, 60, 50);
        page.press("3");
        assertThat(page.awaitBoxes(b -> b.size() == 1 && "valve".equals(b.get(0).label()))).hasSize(1);
        browser.screenshot("images-05-zoomed-drawn");

        page.click(".zoom-actual"); // back to 1:1, then box the sample's true crack (72, 227, 65, 27)
        browser.await(d -> page.zoomText().equals("100 %"));
        page.clickImageAt(420, 30); // a click on empty image deselects the valve box
        page.click(".class-button[data-label='crack']");
        page.drag(72, 227, 137, 254);
        Box crack = page.awaitBoxes(b -> b.size() == 2).get(1);
        report("draw at 100% again", crack, 72, 227, 65, 27);
        assertBox(crack, 72, 227, 65, 27);
        assertThat(crack.label()).isEqualTo("crack");
        browser.await(d -> page.reviewSummary().startsWith("1 matched · mean IoU 1.00 · 0 only A · 1 only B"));
        page.scrollTo("#review");
        browser.screenshot("images-06-review-overlay");

        page.clickAnywhere("#side-by-side");
        browser.await(d -> d.findElement(By.cssSelector("#review refinery-box-canvas.boxes-b")).isDisplayed());
        page.scrollTo("#review");
        browser.screenshot("images-07-review-side-by-side");

        page.wheelOnImage(-200); // wheel up zooms in around the pointer
        browser.await(d -> !page.zoomText().equals("100 %"));
        assertThat(page.zoomText()).isEqualTo("110 %");
        assertThat(page.awaitBoxes(b -> b.size() == 2).get(1)).isEqualTo(crack); // zoom never changes a box

        page.click(".zoom-fit"); // the whole image in view, as large as the canvas allows
        browser.await(d -> !page.zoomText().equals("110 %"));
        assertThat(page.imageFitsCanvas()).isTrue();
        assertThat(page.awaitBoxes(b -> b.size() == 2).get(1)).isEqualTo(crack);
        page.scrollTo("#box-editor");
        browser.screenshot("images-07b-fit");
    }

    @Test
    void shouldPickTheImageClassWithAButtonAndWithKeys() {
        LoginPage.open(browser).signIn("ann1", "ann1");
        browser.open(ImageLabelingPage.PATH);
        ImageLabelingPage page = new ImageLabelingPage(browser);
        By json = By.id("classification-json");
        assertThat(browser.driver.findElement(json).getText()).isEqualTo("{}");

        page.clickAnywhere("#classification .class-button[data-label='person']");
        browser.textIs(json, "{\"label\":\"person\"}");
        page.press("2"); // the focus is inside the editor after the click
        browser.textIs(json, "{\"label\":\"corrosion\"}");
        assertThat(browser.driver.findElement(By.cssSelector("#classification .class-button[data-label='corrosion']"))
                .getDomAttribute("theme")).contains("primary");
        browser.screenshot("images-09-classification");
    }

    @Test
    void shouldShowTheEditorInChinese() {
        LoginPage.open(browser).switchToChinese();
        browser.driver.findElement(By.cssSelector("vaadin-login-form input[name='username']")).sendKeys("ann1");
        browser.driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys("ann1"
                + Keys.ENTER);
        browser.visible(By.id("tasks"));
        browser.open(ImageLabelingPage.PATH);
        new ImageLabelingPage(browser);
        browser.textIs(By.tagName("h2"), "图像标注演示");
        assertThat(browser.driver.findElement(By.cssSelector("#box-editor .hint")).getText()).startsWith("在图上拖动即可画框");
        browser.screenshot("images-08-zh");
    }

    private static void assertBox(Box box, double x, double y, double w, double h) {
        assertThat(box.x()).as("x of %s", box).isCloseTo(x, org.assertj.core.api.Assertions.within(TOLERANCE));
        assertThat(box.y()).as("y of %s", box).isCloseTo(y, org.assertj.core.api.Assertions.within(TOLERANCE));
        assertThat(box.w()).as("w of %s", box).isCloseTo(w, org.assertj.core.api.Assertions.within(TOLERANCE));
        assertThat(box.h()).as("h of %s", box).isCloseTo(h, org.assertj.core.api.Assertions.within(TOLERANCE));
    }

    private static void report(String step, Box box, double x, double y, double w, double h) {
        double error = Math.max(Math.max(Math.abs(box.x() - x), Math.abs(box.y() - y)),
                Math.max(Math.abs(box.w() - w), Math.abs(box.h() - h)));
        System.out.println(String.format(Locale.ROOT, "[image-pixels] %s: expected (%.0f, %.0f, %.0f, %.0f), got "
                + "(%.2f, %.2f, %.2f, %.2f), max error %.2f px", step, x, y, w, h, box.x(), box.y(), box.w(),
                box.h(), error));
    }
}
