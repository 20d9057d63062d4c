package io.refinery.designer.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every real-browser test class shares: the platform's data folder in a fresh temp dir under target/, and a
 * headless Chromium (English) opened before and closed after each test. Subclasses carry the
 * {@code @SpringBootTest} with their own in-memory database.
 */
abstract class BrowserTestSupport {
    @LocalServerPort
    private int port;
    protected Browser browser;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        var dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "browser-test-data-");
        registry.add("refinery.data-dir", dir::toString);
    }

    @BeforeEach
    void openBrowser() {
        browser = new Browser("http://localhost:" + port, "en-US");
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }
}
