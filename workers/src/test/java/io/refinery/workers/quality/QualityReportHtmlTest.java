package io.refinery.workers.quality;

import io.refinery.workflows.ThresholdValues;
import io.refinery.workflows.Vars;
import io.refinery.workers.report.QualityReportHtml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** The HTML quality report: parses cleanly, holds the figures, keeps hostile names as text, works offline. */
class QualityReportHtmlTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    /** A round of three annotators over four classes, one class short of k = 6, and some gold answers. */
    static JsonNode sampleReport(List<String> labels) {
        QualityMetrics metrics = new QualityMetrics("text-classification", labels, SensitiveTerms.none(), NOW);
        String[] annotators = {"li.wei", "maria", "sam"};
        int n = 0;
        for (int pkg = 1; pkg <= 4; pkg++) {
            for (int i = 0; i < 10; i++, n++) {
                String truth = labels.get(n % 7 == 6 ? 3 : n % 3);
                List<Annotation> given = new ArrayList<>();
                for (int s = 0; s < 2; s++) {
                    String who = annotators[(pkg + s) % 3];
                    String label = who.equals("sam") && n % 4 == 0 ? labels.get((n + 1) % 3) : truth;
                    given.add(new Annotation(s, who, label));
                }
                metrics.accept(new ItemRecord("i" + n, String.valueOf(pkg), "text " + n, given, truth, null, false,
                        NOW.minus(n % 9, ChronoUnit.DAYS)));
            }
        }
        for (int i = 0; i < 10; i++) {
            metrics.acceptGold("li.wei", i != 3);
            metrics.acceptGold("maria", true);
            metrics.acceptGold("sam", i % 3 != 0);
        }
        ThresholdValues thresholds = ThresholdValues.defaults().with(Vars.MIN_CLASS_COUNT, 6);
        return JSON.valueToTree(metrics.result(thresholds, 44, 2, 1));
    }

    @Test
    void shouldParseWithoutErrorsAndShowTheFiguresAndCharts() throws Exception {
        JsonNode report = sampleReport(List.of("billing", "delivery", "refund", "complaint"));

        String html = QualityReportHtml.render("customer-service", "1.0", report);

        Parser parser = Parser.htmlParser().setTrackErrors(50);
        Document doc = Jsoup.parse(html, "", parser);
        assertThat(parser.getErrors()).as("HTML parse errors").isEmpty();
        assertThat(doc.title()).isEqualTo("Quality report / 质量报告 — customer-service 1.0");
        assertThat(doc.select("h2").eachText()).contains("Class distribution / 类别分布",
                "Agreement per annotator pair / 标注员两两一致性", "Gold accuracy per annotator / 标注员金标准准确率",
                "Metric vs threshold / 指标与阈值");
        assertThat(doc.select("div.chart")).hasSize(4);
        assertThat(doc.select(".verdict").text()).isEqualTo("Failed / 未通过");
        assertThat(doc.text()).contains("Classes that need more items / 需补充数据的类别: complaint");
        assertThat(doc.select("td").eachText()).contains("billing", "li.wei – maria", "maria – sam", "100.0 %");
        assertThat(doc.select("script[src], link[href]")).as("nothing loaded from elsewhere").isEmpty();
        assertThat(html).contains("echarts.init").contains("Apache License");
        JsonNode data = JSON.readTree(doc.getElementById("report-data").data());
        assertThat(data.path("classes").path("complaint").asLong()).isEqualTo(report.path("classBalance").path("counts")
                .path("complaint").asLong());
        assertThat(data.path("pairs")).hasSize(3);
        assertThat(data.path("gold")).hasSize(3);
        assertThat(data.path("k").asLong()).isEqualTo(6);

        Path sample = Path.of("target", "quality-report-sample.html");
        Files.createDirectories(sample.getParent());
        Files.writeString(sample, html, StandardCharsets.UTF_8);
        screenshot(sample, Path.of("target", "quality-report-sample.png"));
    }

    /** A headless Chromium screenshot of the page, offline (file URL), where Chromium is installed. */
    private static void screenshot(Path page, Path png) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(chromium), "no Chromium: no screenshot");
        Path profile = Files.createTempDirectory("chromium-profile");
        Files.deleteIfExists(png);
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--screenshot=" + png.toAbsolutePath(),
                "--window-size=1280,2700", "--virtual-time-budget=5000", page.toAbsolutePath().toUri().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(Files.size(png)).as("a screenshot with charts, not a blank page").isGreaterThan(50_000);
    }

    @Test
    void shouldKeepAClassNamedScriptAsText() {
        String hostile = "<script>alert('x')</script>";
        JsonNode report = sampleReport(List.of(hostile, "a&b", "\"quoted\"", "plain"));

        String html = QualityReportHtml.render("<b>ds</b>", "1.0", report);

        assertThat(html).doesNotContain(hostile).doesNotContain("<b>ds</b>");
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("td").eachText()).contains(hostile, "a&b", "\"quoted\"");
        assertThat(doc.select("script")).as("the data block, ECharts and the chart code only").hasSize(3);
        assertThat(doc.getElementById("report-data").data()).contains("\\u003cscript\\u003e");
        assertThat(doc.select("b")).isEmpty();
    }

    @Test
    void shouldSayWhenNoQcRan() {
        Document doc = Jsoup.parse(QualityReportHtml.render("ds", "1.0", null));
        assertThat(doc.select(".verdict").text()).isEqualTo("No QC result / 无质检结果");
        assertThat(doc.select("div.chart")).hasSize(4);
    }
}
