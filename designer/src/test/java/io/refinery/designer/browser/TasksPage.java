package io.refinery.designer.browser;

import java.util.List;
import org.openqa.selenium.By;
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

    LoginPage signOut() {
        browser.driver.findElement(By.id("logout")).click();
        browser.await(d -> d.getCurrentUrl().endsWith("/login"));
        return new LoginPage(browser);
    }
}
