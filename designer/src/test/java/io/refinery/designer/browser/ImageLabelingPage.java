package io.refinery.designer.browser;

import io.refinery.designer.labeling.image.Box;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;

/** The image labelling demo route: the box editor driven with the mouse and keys, its value read back from Java. */
final class ImageLabelingPage {
    static final String PATH = "/labeling-demo/images";
    private static final By JSON = By.id("boxes-json");
    private final String editor;
    private final By image;
    private final By canvas;
    private final By zoomText;
    private final Browser browser;

    ImageLabelingPage(Browser browser) {
        this(browser, "box-editor");
    }

    /** The box editor with this element id: {@code box-editor} on the demo route, {@code bbox-editor} in a package. */
    ImageLabelingPage(Browser browser, String editorId) {
        this.browser = browser;
        this.editor = "#" + editorId + " ";
        this.image = By.cssSelector(editor + "refinery-box-canvas img.rbc-image");
        this.canvas = By.cssSelector(editor + "refinery-box-canvas");
        this.zoomText = By.cssSelector(editor + ".zoom-text");
        browser.visible(image);
        browser.await(d -> image().getSize().getWidth() > 0 && d.findElements(By.cssSelector(
                editor + "refinery-box-canvas svg.a9s-annotationlayer")).size() == 1);
    }

    WebElement image() {
        return browser.driver.findElement(image);
    }

    /**
     * Presses the mouse at image-element offset (x0, y0) in CSS pixels and releases it at (x1, y1). Pointer positions
     * are absolute in the viewport (an element offset would count from the centre of the image's visible part).
     */
    void drag(double x0, double y0, double x1, double y1) {
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})",
                browser.driver.findElement(canvas));
        @SuppressWarnings("unchecked")
        Map<String, Number> r = (Map<String, Number>) browser.driver.executeScript(
                "const r = arguments[0].getBoundingClientRect(); return {left: r.left, top: r.top};", image());
        double left = r.get("left").doubleValue();
        double top = r.get("top").doubleValue();
        Actions actions = new Actions(browser.driver)
                .moveToLocation((int) Math.round(left + x0), (int) Math.round(top + y0)).clickAndHold();
        int steps = 8;
        for (int i = 1; i <= steps; i++) {
            actions.moveToLocation((int) Math.round(left + x0 + (x1 - x0) * i / steps),
                    (int) Math.round(top + y0 + (y1 - y0) * i / steps));
        }
        actions.pause(java.time.Duration.ofMillis(50)).release().perform();
    }

    /** A short click at image-element offset (x, y) in CSS pixels. */
    void clickImageAt(double x, double y) {
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})",
                browser.driver.findElement(canvas));
        @SuppressWarnings("unchecked")
        Map<String, Number> r = (Map<String, Number>) browser.driver.executeScript(
                "const r = arguments[0].getBoundingClientRect(); return {left: r.left, top: r.top};", image());
        new Actions(browser.driver).moveToLocation((int) Math.round(r.get("left").doubleValue() + x),
                (int) Math.round(r.get("top").doubleValue() + y)).click().perform();
    }

    void press(CharSequence key) {
        new Actions(browser.driver).sendKeys(key).perform();
    }

    void pressDelete() {
        press(Keys.DELETE);
    }

    void click(String cssInEditor) {
        WebElement element = browser.driver.findElement(By.cssSelector(editor + cssInEditor));
        // the app layout's navbar floats over the page: bring the element to the middle, not just into view
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Clicks an element anywhere on the page, brought to the middle first. */
    void clickAnywhere(String css) {
        WebElement element = browser.driver.findElement(By.cssSelector(css));
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    void scrollTo(String css) {
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})",
                browser.driver.findElement(By.cssSelector(css)));
    }

    String reviewSummary() {
        return browser.driver.findElement(By.cssSelector("#review .matching-summary")).getText();
    }

    /** Turns the mouse wheel over the image (negative = away from the user = zoom in). */
    void wheelOnImage(int deltaY) {
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.driver.findElement(canvas));
        new Actions(browser.driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(image()), 0, deltaY).perform();
    }

    /** The image is entirely visible in the canvas and touches two of its sides (within 3 px). */
    boolean imageFitsCanvas() {
        return (Boolean) browser.driver.executeScript("""
                const img = arguments[0], view = img.closest('.rbc-viewport');
                const fitsW = img.offsetWidth <= view.clientWidth, fitsH = img.offsetHeight <= view.clientHeight;
                const touches = view.clientWidth - img.offsetWidth <= 3 || view.clientHeight - img.offsetHeight <= 3;
                return fitsW && fitsH && touches;""", image());
    }

    String zoomText() {
        return browser.driver.findElement(zoomText).getText();
    }

    boolean canvasFocused() {
        return browser.driver.findElement(canvas).equals(browser.driver.switchTo().activeElement());
    }

    /** The boxes as the Java side last received them. */
    List<Box> boxes() {
        return Box.fromJson(browser.driver.findElement(JSON).getText());
    }

    /** Waits until the Java side holds boxes that satisfy the condition, and returns them. */
    List<Box> awaitBoxes(java.util.function.Predicate<List<Box>> condition) {
        return browser.await(d -> {
            List<Box> boxes = boxes();
            return condition.test(boxes) ? boxes : null;
        });
    }
}
