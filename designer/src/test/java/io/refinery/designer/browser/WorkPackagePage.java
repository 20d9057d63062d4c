package io.refinery.designer.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** A work package (label or rework task) as the annotator sees it; keys go to the page, as a user types them. */
final class WorkPackagePage {
    static final By PROGRESS = By.id("package-progress-text");
    static final By POSITION = By.id("package-position");
    static final By ITEM_TEXT = By.id("item-text");
    static final By SUBMIT = By.id("submit-package");
    static final By REASON = By.id("rework-reason");
    private final Browser browser;

    WorkPackagePage(Browser browser) {
        this.browser = browser;
        browser.await(d -> d.getCurrentUrl().contains("/package/"));
        browser.visible(PROGRESS);
    }

    String progress() {
        return browser.driver.findElement(PROGRESS).getText();
    }

    String position() {
        return browser.driver.findElement(POSITION).getText();
    }

    String itemText() {
        return browser.driver.findElement(ITEM_TEXT).getText();
    }

    /** Presses a digit and waits until the answer is saved (progress shows {@code doneAfter}). */
    void pickClass(int digit, int doneAfter, int total) {
        new Actions(browser.driver).sendKeys(String.valueOf(digit)).perform();
        browser.textIs(PROGRESS, doneAfter + " of " + total + " done");
    }

    /** Enter: save + next; waits until the given position is shown. */
    void enter(int expectedPosition, int total) {
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        browser.textIs(POSITION, "Item " + expectedPosition + " of " + total);
    }

    void arrow(Keys arrow, int expectedPosition, int total) {
        new Actions(browser.driver).sendKeys(arrow).perform();
        browser.textIs(POSITION, "Item " + expectedPosition + " of " + total);
    }

    boolean classPressed(int index) {
        return "true".equals(browser.driver.findElement(By.id("class-" + index)).getDomAttribute("aria-pressed"));
    }

    boolean submitEnabled() {
        return browser.driver.findElement(SUBMIT).isEnabled();
    }

    String reworkReason() {
        return browser.visible(REASON).getText();
    }

    void submit() {
        browser.await(d -> submitEnabled());
        browser.driver.findElement(SUBMIT).click();
        browser.await(d -> !d.getCurrentUrl().contains("/package/"));
    }
}
