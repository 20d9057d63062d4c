package io.refinery.workers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a step's progress reports say and how often they go out, against an HTTP server standing in for the engine. */
class ProgressReporterTest {
    private static final long SECOND = 1_000_000_000L;
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private final AtomicLong now = new AtomicLong();
    private HttpServer server;
    private EngineApi api;

    @BeforeEach
    void engine() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/versions/7/progress/collect", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                reports.add(json.readTree(body));
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        api = new EngineApi("http://127.0.0.1:" + server.getAddress().getPort(), "worker", "worker");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void reportsAtMostOncePerIntervalWithTheTimeLeftAndEndsWithTheAverage() throws Exception {
        byte[] source = new byte[10_000];
        try (ProgressReporter progress = new ProgressReporter(api, 7, "collect", "bytes", source.length, SECOND,
                now::get)) {
            InputStream in = progress.track(new ByteArrayInputStream(source));
            for (int second = 1; second <= 4; second++) {
                in.readNBytes(2_000);
                for (int row = 0; row < 1_000; row++) {
                    progress.row();
                    now.addAndGet(SECOND / 1_000); // a thousand rows a second
                }
            }
            in.readAllBytes();
        }

        // the first at the start, one per second while it runs (time is looked at every 256 rows: at rows 1024,
        // 2048 and 3072; row 4000 is no multiple of 256), and the last
        assertThat(reports).hasSize(1 + 3 + 1);
        assertThat(reports.get(0).path("running").asBoolean()).isTrue();
        assertThat(reports.get(0).path("rows").asLong()).isZero();
        JsonNode second = reports.get(2);
        assertThat(second.path("running").asBoolean()).isTrue();
        assertThat(second.path("total").asLong()).isEqualTo(10_000);
        assertThat(second.path("rowsPerSecond").asDouble()).isBetween(900.0, 1100.0);
        assertThat(second.path("secondsLeft").asLong()).as("6,000 bytes left at about 2,000 a second")
                .isBetween(2L, 4L);
        JsonNode last = reports.get(reports.size() - 1);
        assertThat(last.path("running").asBoolean()).isFalse();
        assertThat(last.path("rows").asLong()).isEqualTo(4_000);
        assertThat(last.path("done").asLong()).isEqualTo(10_000);
        assertThat(last.path("rowsPerSecond").asDouble()).as("the whole step's average").isEqualTo(1000.0);
        assertThat(last.path("secondsLeft").asLong()).isZero();
    }

    @Test
    void aReportTheEngineRefusesNeverFailsTheStep() {
        status.set(500);
        try (ProgressReporter progress = new ProgressReporter(api, 7, "collect", "rows", 0, SECOND, now::get)) {
            for (int row = 0; row < 1_024; row++) {
                progress.row();
                now.addAndGet(SECOND);
            }
            assertThat(progress.rows()).isEqualTo(1_024);
        }
        assertThat(reports).hasSizeGreaterThan(2);
        assertThat(reports.get(reports.size() - 1).path("secondsLeft").asLong()).isZero();
        assertThat(reports.get(1).path("secondsLeft").isNull()).as("no total, no time left").isTrue();
    }
}
