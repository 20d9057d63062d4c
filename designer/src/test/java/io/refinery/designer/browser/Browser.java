package io.refinery.designer.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Debian's chromedriver (nothing is downloaded), with the flags that work on
 * our 2-core machines (STACK.md), a fresh profile per browser, screenshots to {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    final String baseUrl;
    private final Path profile;

    Browser(String baseUrl, String language) {
        this.baseUrl = baseUrl;
        try {
            profile = Files.createTempDirectory("refinery-chromium");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("The browser tests need Debian's Chromium and chromedriver: "
                    + "apt-get install -y chromium chromium-driver (see .ci/run)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=" + language,
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Waits up to 30 s for a non-null, non-false answer; an element re-rendered while being read counts as "not yet". */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    WebElement visible(By by) {
        return await(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void textIs(By by, String text) {
        await(ExpectedConditions.textToBe(by, text));
    }

    /** Writes {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
