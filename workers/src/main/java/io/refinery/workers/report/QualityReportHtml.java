package io.refinery.workers.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@code quality-report.json} (the QC step's result as JSON) as one self-contained HTML page for people:
 * verdict, checks, and charts of metric vs threshold, class distribution, agreement per annotator pair and gold
 * accuracy per annotator, drawn by Apache ECharts inlined into the page (it works offline, e.g. from a release zip).
 * Headings are English / 中文. Every value from the report is HTML-escaped in the tables; the charts read the data
 * from a JSON block ({@code <} escaped) and draw text on a canvas with plain-text tooltips, so a class named
 * {@code <script>} stays text.
 */
public final class QualityReportHtml {
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile String echarts;

    private QualityReportHtml() {
    }

    /**
     * @param dataset the dataset's name
     * @param version the release label, e.g. 1.0
     * @param report  the report, {@code null} or empty when no QC ran (the page says so)
     */
    public static String render(String dataset, String version, JsonNode report) {
        JsonNode r = report == null ? JSON.createObjectNode() : report;
        StringBuilder html = new StringBuilder(1_100_000);
        String title = "Quality report / 质量报告 — " + dataset + " " + version;
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(title)).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<header><h1>Quality report / 质量报告</h1><p class=\"sub\">").append(esc(dataset))
                .append(" · version / 版本 ").append(esc(version)).append(" · ")
                .append(esc(r.path("taskType").asText("text-classification"))).append("</p>");
        boolean ran = r.has("checks");
        boolean passed = r.path("passed").asBoolean();
        html.append("<p class=\"verdict ").append(!ran ? "none" : passed ? "pass" : "fail").append("\">")
                .append(!ran ? "No QC result / 无质检结果" : passed ? "Passed / 通过" : "Failed / 未通过").append("</p>");
        if (ran && !passed) {
            html.append("<p>Failed checks / 未通过的检查项: <strong>").append(esc(join(r.path("failedChecks"))))
                    .append("</strong></p>");
        }
        if (!r.path("collectClasses").isEmpty() && r.path("collectClasses").isArray()) {
            html.append("<p>Classes that need more items / 需补充数据的类别: <strong>")
                    .append(esc(join(r.path("collectClasses")))).append("</strong></p>");
        }
        html.append("</header>\n");
        html.append("<div class=\"cols\">");
        summary(html, r);
        checks(html, r);
        html.append("</div>\n");
        html.append("<section><h2>Metric vs threshold / 指标与阈值</h2><div class=\"chart\" id=\"chart-checks\"></div></section>\n");
        html.append("<section><h2>Class distribution / 类别分布</h2><div class=\"chart\" id=\"chart-classes\"></div>");
        classes(html, r);
        html.append("</section>\n<section><h2>Agreement per annotator pair / 标注员两两一致性</h2>"
                + "<div class=\"chart\" id=\"chart-pairs\"></div>");
        pairs(html, r);
        html.append("</section>\n<section><h2>Gold accuracy per annotator / 标注员金标准准确率</h2>"
                + "<div class=\"chart\" id=\"chart-gold\"></div>");
        gold(html, r);
        html.append("</section>\n");
        packages(html, r);
        html.append("<footer>Charts: Apache ECharts 5.3.1 (Apache-2.0), inlined. 图表：Apache ECharts。</footer>\n");
        html.append("<script type=\"application/json\" id=\"report-data\">").append(chartData(r)).append("</script>\n");
        html.append("<script>").append(echartsSource()).append("</script>\n");
        html.append("<script>").append(CHARTS).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void summary(StringBuilder html, JsonNode r) {
        JsonNode a = r.path("agreement");
        JsonNode balance = r.path("classBalance");
        JsonNode age = r.path("dataAge");
        html.append("<section><h2>Summary / 概要</h2><table class=\"kv\">");
        row(html, "Items / 条目", num(r.path("items")));
        row(html, "Completeness / 完整率", pct(r.path("completeness")));
        row(html, "Validity / 有效率", pct(r.path("validity")));
        row(html, "Percent agreement / 一致率", pct(a.path("percentAgreement")));
        row(html, "Cohen's κ", dec(a.path("kappa")));
        row(html, "Fleiss' κ", dec(a.path("fleissKappa")));
        row(html, "Krippendorff's α (nominal)", dec(a.path("krippendorffAlpha")));
        row(html, "Mean box IoU / 平均框 IoU", dec(a.path("meanIou")));
        row(html, "Box F1 @ IoU 0.5 / 框 F1", dec(a.path("boxF1")));
        row(html, "Span F1 / 实体 F1", dec(a.path("spanF1")));
        row(html, "Gold accuracy / 金标准准确率", pct(r.path("goldAccuracy")));
        row(html, "Duplicate rate / 重复率", pct(r.path("duplicateRate")));
        row(html, "Near-duplicate rate / 近似重复率", pct(r.path("nearDuplicateRate")));
        row(html, "Sensitive ratio / 敏感词比例", pct(r.path("sensitiveRatio")));
        row(html, "Imbalance ratio / 不平衡比", dec(balance.path("imbalanceRatio")));
        row(html, "Entropy (bits) / 熵（比特）", dec(balance.path("entropyBits")));
        row(html, "Normalized entropy / 归一化熵", dec(balance.path("normalizedEntropy")));
        row(html, "Data age p50 / max (days) / 数据时效（天）", age.path("items").asLong() == 0 ? "–"
                : num(age.path("p50Days")) + " / " + num(age.path("maxDays")));
        html.append("</table></section>\n");
    }

    private static void checks(StringBuilder html, JsonNode r) {
        html.append("<section><h2>Checks / 检查项</h2><table><thead><tr><th>Metric / 指标</th><th>Value / 值</th>"
                + "<th>Threshold / 阈值</th><th>Result / 结果</th></tr></thead><tbody>");
        for (JsonNode c : r.path("checks")) {
            boolean ok = c.path("passed").asBoolean();
            html.append("<tr><td>").append(esc(c.path("metric").asText())).append("</td><td>")
                    .append(dec(c.path("value"))).append("</td><td>").append(esc(c.path("op").asText())).append(' ')
                    .append(dec(c.path("threshold"))).append("</td><td class=\"").append(ok ? "ok\">✔ pass / 通过" : "bad\">✘ fail / 未通过")
                    .append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
    }

    private static void classes(StringBuilder html, JsonNode r) {
        JsonNode balance = r.path("classBalance");
        html.append("<table><thead><tr><th>Class / 类别</th><th>Items / 条目</th></tr></thead><tbody>");
        for (Iterator<Map.Entry<String, JsonNode>> it = balance.path("counts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            html.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(num(e.getValue()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table><p class=\"note\">Coverage k / 覆盖下限 k = ").append(num(balance.path("coverageK")))
                .append("</p>");
    }

    private static void pairs(StringBuilder html, JsonNode r) {
        html.append("<table><thead><tr><th>Annotators / 标注员</th><th>Items / 条目</th><th>Agreement / 一致率</th>"
                + "<th>Cohen's κ</th></tr></thead><tbody>");
        for (JsonNode p : r.path("agreement").path("pairs")) {
            html.append("<tr><td>").append(esc(p.path("annotatorA").asText())).append(" – ")
                    .append(esc(p.path("annotatorB").asText())).append("</td><td>").append(num(p.path("items")))
                    .append("</td><td>").append(pct(p.path("agreement"))).append("</td><td>").append(dec(p.path("kappa")))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void gold(StringBuilder html, JsonNode r) {
        if (r.path("goldByAnnotator").isEmpty()) {
            html.append("<p class=\"note\">No gold items were answered in this version. 本版本没有金标准作答。</p>");
            return;
        }
        html.append("<table><thead><tr><th>Annotator / 标注员</th><th>Answered / 作答</th><th>Correct / 正确</th>"
                + "<th>Accuracy / 准确率</th></tr></thead><tbody>");
        for (JsonNode g : r.path("goldByAnnotator")) {
            html.append("<tr><td>").append(esc(g.path("annotator").asText())).append("</td><td>")
                    .append(num(g.path("answered"))).append("</td><td>").append(num(g.path("correct"))).append("</td><td>")
                    .append(pct(g.path("accuracy"))).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void packages(StringBuilder html, JsonNode r) {
        if (r.path("failingPackageIds").isEmpty()) {
            return;
        }
        html.append("<section><h2>Packages to relabel / 需返工的工作包</h2><p>")
                .append(esc(join(r.path("failingPackageIds")))).append("</p></section>\n");
    }

    /** The series the charts draw, as JSON safe inside a script element. */
    static String chartData(JsonNode r) {
        ObjectNode data = JSON.createObjectNode();
        ArrayNode checks = data.putArray("checks");
        for (JsonNode c : r.path("checks")) {
            if (c.path("metric").asText().equals("minClassCount")) {
                continue; // a count, shown with the class distribution
            }
            checks.addObject().put("metric", c.path("metric").asText()).set("value", c.path("value"));
            ((ObjectNode) checks.get(checks.size() - 1)).put("threshold", c.path("threshold").asDouble())
                    .put("op", c.path("op").asText()).put("passed", c.path("passed").asBoolean());
        }
        data.set("classes", r.path("classBalance").path("counts").isObject() ? r.path("classBalance").path("counts")
                : JSON.createObjectNode());
        data.put("k", r.path("classBalance").path("coverageK").asLong(0));
        data.set("pairs", r.path("agreement").path("pairs").isArray() ? r.path("agreement").path("pairs")
                : JSON.createArrayNode());
        data.set("gold", r.path("goldByAnnotator").isArray() ? r.path("goldByAnnotator") : JSON.createArrayNode());
        for (JsonNode c : r.path("checks")) {
            if (c.path("metric").asText().equals("goldAccuracy")) {
                data.put("goldThreshold", c.path("threshold").asDouble());
            }
        }
        try {
            return JSON.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String echartsSource() {
        String source = echarts;
        if (source == null) {
            try (InputStream in = QualityReportHtml.class.getClassLoader().getResourceAsStream(ECHARTS)) {
                if (in == null) {
                    throw new IllegalStateException(ECHARTS + " is missing from the classpath (org.webjars.npm:echarts)");
                }
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            echarts = source;
        }
        return source;
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(esc(label)).append("</th><td>").append(value).append("</td></tr>");
    }

    private static String join(JsonNode array) {
        StringBuilder out = new StringBuilder();
        for (JsonNode n : array) {
            out.append(out.isEmpty() ? "" : ", ").append(n.asText());
        }
        return out.toString();
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? esc(n.asText()) : "–";
    }

    private static String dec(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.3f", n.asDouble()) : "–";
    }

    private static String pct(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.1f %%", 100 * n.asDouble()) : "–";
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;\
            margin:0 auto;max-width:1180px;padding:16px 24px;color:#1f2933;background:#fff}\
            h1{margin:0 0 4px;font-size:26px}h2{font-size:18px;margin:0 0 8px;border-bottom:1px solid #d9e2ec;padding-bottom:4px}\
            .sub{color:#52606d;margin:0 0 8px}.verdict{display:inline-block;padding:4px 14px;border-radius:14px;font-weight:600}\
            .pass{background:#e3f9e5;color:#207227}.fail{background:#ffe3e3;color:#a61b1b}.none{background:#eef2f7;color:#52606d}\
            section{margin:18px 0}table{border-collapse:collapse;font-size:13px;margin:6px 0}\
            th,td{border:1px solid #d9e2ec;padding:3px 8px;text-align:left}thead th{background:#f0f4f8}\
            table.kv th{background:#f8fafc;font-weight:500}td.ok{color:#207227}td.bad{color:#a61b1b;font-weight:600}\
            .chart{width:100%;height:300px}.cols{display:flex;gap:32px;flex-wrap:wrap;align-items:flex-start}.note{color:#52606d;font-size:13px}footer{color:#7b8794;font-size:12px;margin-top:24px}\
            """;

    /** Draws the four charts from #report-data; tooltips in rich text (canvas), so no data becomes markup. */
    private static final String CHARTS = """
            (function(){
              var d = JSON.parse(document.getElementById('report-data').textContent);
              function chart(id, option, empty){
                var el = document.getElementById(id);
                if (empty) { el.style.height = '40px'; el.textContent = 'No data / 无数据'; return; }
                option.animation = false;
                option.tooltip = Object.assign({renderMode: 'richText', trigger: 'axis'}, option.tooltip || {});
                echarts.init(el).setOption(option);
              }
              var green = '#3f9142', red = '#d64545', blue = '#2f6fb0', grey = '#9aa5b1';
              var checks = d.checks.slice().reverse();
              chart('chart-checks', {
                grid: {left: 150, right: 40, top: 30, bottom: 30},
                legend: {data: ['value / 值', 'threshold / 阈值']},
                xAxis: {type: 'value', min: Math.min(0, Math.min.apply(null, checks.map(function(c){ return c.value == null ? 0 : c.value; })))},
                yAxis: {type: 'category', data: checks.map(function(c){ return c.metric + ' ' + c.op; })},
                series: [
                  {name: 'value / 值', type: 'bar', barWidth: 14, itemStyle: {color: green}, data: checks.map(function(c){
                    return {value: c.value, itemStyle: {color: c.passed ? green : red}}; })},
                  {name: 'threshold / 阈值', type: 'scatter', symbol: 'rect', symbolSize: [4, 24], itemStyle: {color: '#1f2933'},
                    data: checks.map(function(c){ return c.threshold; })}
                ]}, checks.length === 0);
              var names = Object.keys(d.classes);
              chart('chart-classes', {
                grid: {left: 60, right: 30, top: 30, bottom: 60},
                xAxis: {type: 'category', data: names, axisLabel: {interval: 0, rotate: names.length > 8 ? 30 : 0}},
                yAxis: {type: 'value', name: 'items / 条目'},
                series: [{type: 'bar', barMaxWidth: 48, data: names.map(function(n){
                    return {value: d.classes[n], itemStyle: {color: d.classes[n] < d.k ? red : blue}}; }),
                  markLine: {symbol: 'none', label: {formatter: 'k = ' + d.k, position: 'insideEndTop'}, lineStyle: {color: '#1f2933', type: 'dashed'},
                    data: [{yAxis: d.k}]}}]}, names.length === 0);
              var pairs = d.pairs;
              chart('chart-pairs', {
                grid: {left: 60, right: 30, top: 30, bottom: 60},
                legend: {data: ['agreement / 一致率', "Cohen's κ"]},
                xAxis: {type: 'category', data: pairs.map(function(p){ return p.annotatorA + ' – ' + p.annotatorB; }),
                  axisLabel: {interval: 0, rotate: pairs.length > 6 ? 30 : 0}},
                yAxis: {type: 'value', max: 1, min: function(v){ return Math.min(0, Math.floor(v.min * 10) / 10); }},
                series: [{name: 'agreement / 一致率', type: 'bar', barMaxWidth: 40, itemStyle: {color: blue},
                    data: pairs.map(function(p){ return p.agreement; })},
                  {name: "Cohen's κ", type: 'bar', barMaxWidth: 40, itemStyle: {color: grey},
                    data: pairs.map(function(p){ return p.kappa; })}]}, pairs.length === 0);
              var gold = d.gold;
              chart('chart-gold', {
                grid: {left: 60, right: 30, top: 30, bottom: 40},
                xAxis: {type: 'category', data: gold.map(function(g){ return g.annotator; })},
                yAxis: {type: 'value', max: 1},
                series: [{type: 'bar', barMaxWidth: 40, data: gold.map(function(g){
                    return {value: g.accuracy, itemStyle: {color: d.goldThreshold != null && g.accuracy < d.goldThreshold ? red : green}}; }),
                  markLine: d.goldThreshold == null ? undefined : {symbol: 'none', lineStyle: {color: '#1f2933', type: 'dashed'},
                    label: {formatter: 'min ' + d.goldThreshold, position: 'insideEndTop'}, data: [{yAxis: d.goldThreshold}]}}]}, gold.length === 0);
            })();
            """;
}
