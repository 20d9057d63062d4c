package io.refinery.designer.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The signed-in user's task list inside the main layout. */
final class TasksPage {
    private static final By GRID = By.id("tasks");
    private static final By CELLS = By.cssSelector("vaadin-grid#tasks vaadin-grid-cell-content");
    private static final By COUNT = By.id("task-count");
    private final Browser browser;

    TasksPage(Browser browser) {
        this.browser = browser;
        browser.visible(GRID);
        browser.visible(COUNT);
    }

    /** Texts of all rendered grid cells, headers included. */
    List<String> cellTexts() {
        return browser.driver.findElements(CELLS).stream().map(WebElement::getText).toList();
    }

    /** Waits until a rendered cell shows the text. */
    void awaitCell(String text) {
        browser.await(d -> cellTexts().contains(text));
    }

    /** Double-clicks the first rendered cell with this text (a task row), as a user opens a task. */
    void open(String cellText) {
        awaitCell(cellText);
        org.openqa.selenium.WebElement cell = browser.driver.findElements(CELLS).stream()
                .filter(c -> cellText.equals(c.getText())).findFirst().orElseThrow();
        new org.openqa.selenium.interactions.Actions(browser.driver).doubleClick(cell).perform();
    }

    String count() {
        return browser.driver.findElement(COUNT).getText();
    }

    String title() {
        return browser.driver.findElement(By.tagName("h2")).getText();
    }

    String userName() {
        return browser.driver.findElement(By.id("current-user")).getText();
    }

    TasksPage switchTo(String languageButtonId, String expectedTitle) {
        browser.driver.findElement(By.id(languageButtonId)).click();
        browser.textIs(By.tagName("h2"), expectedTitle);
        return this;
    }

    /** Types into the dataset filter and waits until the grid shows the text in some cell. */
    TasksPage filterDataset(String text, String expectedCell) {
        browser.driver.findElement(By.cssSelector("vaadin-text-field#filter-dataset input")).sendKeys(text);
        awaitCell(expectedCell);
        return this;
    }

    /** Picks a kind in the kind filter by its shown name, e.g. "Labelling". */
    TasksPage filterKind(String kindName) {
        browser.driver.findElement(By.id("filter-kind")).click();
        browser.visible(By.xpath("//vaadin-select-item[normalize-space(.)='" + kindName + "']")).click();
        return this;
    }

    TasksPage awaitCount(String text) {
        browser.textIs(COUNT, text);
        return this;
    }

    TasksPage showWholeTeam() {
        browser.driver.findElement(By.id("filter-team")).click();
        return this;
    }

    String chip(String id) {
        return browser.driver.findElement(By.id(id)).getText().strip();
    }

    /** Ticks the selection check boxes of the first {@code n} rows (the header's select-all box excluded). */
    TasksPage selectRows(int n) {
        List<WebElement> boxes = browser.driver.findElements(
                By.cssSelector("vaadin-grid#tasks vaadin-grid-cell-content vaadin-checkbox"));
        boxes.stream().filter(b -> {
            String label = b.getDomAttribute("aria-label");
            return label == null || !label.toLowerCase(java.util.Locale.ROOT).contains("all");
        }).limit(n).forEach(WebElement::click);
        return this;
    }

    /** Bulk-assigns the selected rows to the person whose name contains {@code who}. */
    TasksPage assignSelectedTo(String who, Runnable beforeConfirm) {
        browser.driver.findElement(By.id("bulk-assign")).click();
        WebElement input = browser.visible(By.cssSelector("vaadin-combo-box#assign-user input"));
        input.sendKeys(who);
        browser.visible(By.cssSelector("vaadin-combo-box-item"));
        input.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        browser.await(d -> input.getDomProperty("value").contains(who));
        beforeConfirm.run();
        browser.driver.findElement(By.id("assign-confirm")).click();
        browser.visible(By.tagName("vaadin-notification-card"));
        return this;
    }

    LoginPage signOut() {
        browser.driver.findElement(By.id("logout")).click();
        browser.await(d -> d.getCurrentUrl().endsWith("/login"));
        return new LoginPage(browser);
    }
}
