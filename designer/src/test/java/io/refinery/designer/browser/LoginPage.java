package io.refinery.designer.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The sign-in page as a user sees it. */
final class LoginPage {
    private static final By FORM = By.tagName("vaadin-login-form");
    private static final By USERNAME = By.cssSelector("vaadin-login-form input[name='username']");
    private static final By PASSWORD = By.cssSelector("vaadin-login-form input[name='password']");
    private final Browser browser;

    LoginPage(Browser browser) {
        this.browser = browser;
        browser.visible(USERNAME);
    }

    static LoginPage open(Browser browser) {
        browser.open("/");
        return new LoginPage(browser);
    }

    TasksPage signIn(String user, String password) {
        submit(user, password);
        return new TasksPage(browser);
    }

    LoginPage signInWrongly(String user, String password) {
        submit(user, password);
        browser.await(d -> d.getCurrentUrl().contains("error") && errorShown());
        return new LoginPage(browser);
    }

    private void submit(String user, String password) {
        WebElement name = browser.driver.findElement(USERNAME);
        name.clear();
        name.sendKeys(user);
        browser.driver.findElement(PASSWORD).sendKeys(password + Keys.ENTER);
    }

    boolean errorShown() {
        return browser.driver.findElement(FORM).getDomAttribute("error") != null;
    }

    /** Title and text of the error box, which lives in the form wrapper's shadow DOM. */
    String errorText() {
        WebElement wrapper = browser.driver.findElement(By.tagName("vaadin-login-form-wrapper"));
        return wrapper.getShadowRoot().findElement(By.cssSelector("[part='error-message']")).getText();
    }

    void switchToChinese() {
        browser.driver.findElement(By.id("language-zh")).click();
        browser.textIs(By.cssSelector("p.login-hint"), "演示用户：manager/manager、ann1/ann1、expert/expert、admin/admin");
    }

    String title() {
        return browser.driver.findElement(By.tagName("h1")).getText();
    }
}
