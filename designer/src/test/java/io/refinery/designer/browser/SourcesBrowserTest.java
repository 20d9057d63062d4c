package io.refinery.designer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.designer.RefineryApplication;
import io.refinery.designer.UiTestSupport;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.dataset.SourceUploads;
import io.refinery.engine.system.Sha256;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A manager hands a 20 MB JSONL file to the source upload panel in Chromium: through the file input, in 1 MiB
 * chunks, every fifth chunk cut off half-way so the browser has to ask the server what arrived and go on from there;
 * then 100 %, the file's SHA-256 and its preview; an empty file is refused with the engine's message.
 * Screenshots: target/screenshots/sources-*.png.
 */
@SpringBootTest(classes = RefineryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:designer-sources-browser;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
@DirtiesContext
class SourcesBrowserTest extends BrowserTestSupport {
    private static final int CHUNK = 1024 * 1024;
    @Autowired
    private DemandService demands;
    @Autowired
    private SourceUploads uploads;

    @Test
    void shouldUploadALargeFileInResumedChunksAndShowItsChecksumAndPreview() throws Exception {
        long versionId = demands.start(UiTestSupport.demand("browser-sources"), "manager").versionId();
        Path dir = Files.createDirectories(Path.of("target", "browser-sources"));
        Path file = jsonl(dir.resolve("chat-log.jsonl"), 20L * 1024 * 1024);
        Path empty = Files.write(dir.resolve("empty.jsonl"), new byte[0]);

        LoginPage.open(browser).signIn("manager", "manager");
        browser.open("/sources-demo/" + versionId + "?chunk=" + CHUNK + "&fault-every=5");
        browser.textIs(By.id("sources-demo-title"), "Upload sources");
        browser.visible(By.id("source-choose"));
        browser.screenshot("sources-01-empty");

        browser.driver.findElement(By.id("source-file-input")).sendKeys(file.toAbsolutePath().toString());
        WebElement card = browser.await(d -> fileCard("chat-log.jsonl"));
        browser.await(d -> Long.parseLong(card.getDomAttribute("data-sent")) > 3L * CHUNK);
        browser.screenshot("sources-02-uploading");

        browser.await(d -> "done".equals(card.getDomAttribute("data-state")) ? true : null);
        assertThat(card.findElement(By.cssSelector(".percent")).getText()).isEqualTo("100 %");
        assertThat(card.findElement(By.cssSelector(".sent")).getText()).isEqualTo("20.0 MB of 20.0 MB");
        // 20 chunks, every fifth cut off: each time the browser asked what arrived and went on from there
        assertThat(Integer.parseInt(card.getDomAttribute("data-resumes"))).isGreaterThanOrEqualTo(3);
        String sha = sha256(file);
        WebElement shown = browser.visible(By.cssSelector("[slot^='file-'] .sha256"));
        assertThat(shown.getText()).isEqualTo(sha.substring(0, 12) + "…");
        assertThat(shown.getDomAttribute("title")).isEqualTo(sha);
        assertThat(browser.driver.findElement(By.cssSelector("[slot^='file-'] .quarantined")).getText())
                .isEqualTo("2 rows will be quarantined");
        browser.visible(By.cssSelector("[slot^='file-'] vaadin-grid.preview-rows"));
        browser.visible(By.cssSelector("[slot^='file-'] vaadin-grid.preview-problems"));
        browser.await(d -> browser.driver.findElement(By.id("source-list")).getText().contains("chat-log.jsonl"));
        assertThat(uploads.sources(versionId)).singleElement().satisfies(s -> {
            assertThat(s.sha256()).isEqualTo(sha);
            assertThat(s.bytes()).isEqualTo(Files.size(file));
            assertThat(s.uploadedBy()).isEqualTo("manager");
        });
        browser.screenshot("sources-03-done");

        browser.driver.findElement(By.id("source-file-input")).sendKeys(empty.toAbsolutePath().toString());
        WebElement refused = browser.await(d -> fileCard("empty.jsonl"));
        browser.await(d -> "failed".equals(refused.getDomAttribute("data-state")) ? true : null);
        String key = refused.getDomAttribute("data-key");
        WebElement message = browser.visible(By.cssSelector("[slot='file-" + key + "'] .upload-error"));
        assertThat(message.getText()).contains("empty.jsonl").contains("at least 1 byte");
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", refused);
        browser.screenshot("sources-04-refused");

        // a file dropped on the zone, as a browser hands it over (a DataTransfer with a File)
        browser.driver.executeScript("""
                const zone = arguments[0].shadowRoot.querySelector('.zone');
                const data = new DataTransfer();
                data.items.add(new File(['id,text\\n1,hello\\n2,"never closed\\n3,bye\\n'], 'dropped.csv',
                    {type: 'text/csv'}));
                zone.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
                """, browser.driver.findElement(By.id("source-upload")));
        WebElement dropped = browser.await(d -> fileCard("dropped.csv"));
        browser.await(d -> "done".equals(dropped.getDomAttribute("data-state")) ? true : null);
        browser.await(d -> browser.driver.findElement(By.id("source-list")).getText().contains("dropped.csv"));
        assertThat(uploads.sources(versionId)).extracting(s -> s.name()).containsExactly("chat-log.jsonl",
                "dropped.csv");

        browser.driver.findElement(By.id("language-zh")).click();
        // the title is scrolled out of sight by now: read its text, not what is shown
        browser.await(d -> "上传源文件".equals(d.findElement(By.id("sources-demo-title")).getDomProperty("textContent")));
        browser.await(d -> "已保存".equals(dropped.findElement(By.cssSelector(".state")).getText()) ? true : null);
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", dropped);
        browser.screenshot("sources-05-dropped-zh");
    }

    private WebElement fileCard(String name) {
        SearchContext shadow = browser.driver.findElement(By.id("source-upload")).getShadowRoot();
        return shadow.findElements(By.cssSelector(".file")).stream()
                .filter(e -> name.equals(e.getDomAttribute("data-name"))).findFirst().orElse(null);
    }

    /** About {@code bytes} of chat rows, two of them broken (collect quarantines them). */
    private static Path jsonl(Path file, long bytes) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            for (int i = 1; written < bytes; i++) {
                String line = i == 7 ? "{\"id\":\"7\",\"text\":\"cut off\n"
                        : i == 12 ? "{\"id\":\"12\"}\n"
                        : "{\"id\":\"" + i + "\",\"text\":\"customer message number " + i
                        + ": my parcel has not arrived yet, could you check the tracking please?\"}\n";
                out.write(line);
                written += line.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return file;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
