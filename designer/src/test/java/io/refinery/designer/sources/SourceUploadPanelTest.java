package io.refinery.designer.sources;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ElementUtilsKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.DomEvent;
import elemental.json.Json;
import elemental.json.JsonObject;
import io.refinery.designer.UiTestSupport;
import io.refinery.engine.dataset.DatasetRepository;
import io.refinery.engine.dataset.SourcePreviews;
import io.refinery.engine.dataset.SourceUploads;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Sha256;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server side of the source upload panel, browserless: the handler's steps into {@link SourceUploads} as the
 * browser element sends them, and what the panel shows once the element reports a file's end. The browser side
 * (slicing, progress, retries) is in SourcesBrowserTest.
 */
class SourceUploadPanelTest extends UiTestSupport {
    private static final byte[] ROWS = ("{\"id\":\"1\",\"text\":\"good morning\"}\n"
            + "{\"id\":\"2\",\"text\":\"thanks a lot\"}\n"
            + "not json\n"
            + "{\"id\":\"4\",\"text\":\"see you\"}\n").getBytes(StandardCharsets.UTF_8);

    @Autowired
    SourceUploads uploads;
    @Autowired
    SourcePreviews previews;

    private SourceUploadPanel panel;
    private CurrentUser manager;

    @BeforeEach
    void openPanel() {
        long versionId = fileDemand("sources-panel-" + System.nanoTime()).versionId();
        signIn("manager");
        manager = CurrentUser.get();
        panel = new SourceUploadPanel(versionId, uploads, previews);
        UI.getCurrent().add(panel);
    }

    private ChunkReceiver.Answer step(Map<String, String> params, byte[] body) {
        InputStream in = new ByteArrayInputStream(body == null ? new byte[0] : body);
        return panel.receiver().handle(params::get, in, manager);
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private String start(String key, String name, long size, String type) {
        ChunkReceiver.Answer answer = step(params("op", "start", "key", key, "name", name, "size",
                String.valueOf(size), "type", type), null);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("received").asLong()).isZero();
        return answer.body().path("uploadId").asText();
    }

    private ChunkReceiver.Answer append(String id, long offset, byte[] chunk) {
        return step(params("op", "append", "id", id, "offset", String.valueOf(offset)), chunk);
    }

    private void fire(String type, String key) {
        var element = panel.element().getElement();
        JsonObject data = Json.createObject();
        data.put("event.detail.key", key);
        ElementUtilsKt._fireDomEvent(element, new DomEvent(element, type, data));
    }

    @Test
    void aSequenceOfChunksShouldBecomeASourceWithItsChecksumAndPreview() {
        String id = start("f1-abc", "greetings.jsonl", ROWS.length, "application/x-ndjson");
        int chunk = 20;
        for (int offset = 0; offset < ROWS.length; offset += chunk) {
            ChunkReceiver.Answer answer = append(id, offset,
                    Arrays.copyOfRange(ROWS, offset, Math.min(ROWS.length, offset + chunk)));
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            assertThat(answer.body().path("received").asLong()).isEqualTo(Math.min(ROWS.length, offset + chunk));
        }
        ChunkReceiver.Answer finished = step(params("op", "finish", "id", id, "key", "f1-abc"), null);
        String sha = HexFormat.of().formatHex(Sha256.digest().digest(ROWS));
        assertThat(finished.status()).as(finished.body().toString()).isEqualTo(200);
        assertThat(finished.body().path("sha256").asText()).isEqualTo(sha);
        ChunkReceiver.Answer preview = step(params("op", "preview", "key", "f1-abc"), null);
        assertThat(preview.body().path("accepted").asLong()).isEqualTo(3);
        assertThat(preview.body().path("quarantined").asLong()).isEqualTo(1);

        fire("source-done", "f1-abc");

        UploadResult result = _get(panel, UploadResult.class);
        assertThat(result.getElement().getAttribute("slot")).isEqualTo("file-f1-abc");
        Span shown = _get(result, Span.class, spec -> spec.withClasses("sha256"));
        assertThat(shown.getText()).isEqualTo(sha.substring(0, 12) + "…");
        assertThat(shown.getElement().getAttribute("title")).isEqualTo(sha);
        assertThat(_get(result, Span.class, spec -> spec.withClasses("accepted")).getText())
                .isEqualTo("3 rows will be collected");
        assertThat(_get(result, Span.class, spec -> spec.withClasses("quarantined")).getText())
                .isEqualTo("1 row will be quarantined");
        @SuppressWarnings("unchecked")
        Grid<com.fasterxml.jackson.databind.node.ObjectNode> rows = _get(result, Grid.class,
                spec -> spec.withClasses("preview-rows"));
        assertThat(rows.getColumns()).extracting(Grid.Column::getHeaderText).containsExactly("id", "text");
        assertThat(GridKt._size(rows)).isEqualTo(3);
        assertThat(GridKt._getFormattedRow(rows, 1)).containsExactly("2", "thanks a lot");
        @SuppressWarnings("unchecked")
        Grid<SourcePreviews.Problem> problems = _get(result, Grid.class, spec -> spec.withClasses("preview-problems"));
        SourcePreviews.Problem problem = GridKt._get(problems, 0);
        assertThat(problem.file()).isEqualTo("greetings.jsonl");
        assertThat(problem.line()).isEqualTo(3);

        @SuppressWarnings("unchecked")
        Grid<DatasetRepository.SourceRow> list = _get(panel, Grid.class, spec -> spec.withId("source-list"));
        assertThat(GridKt._size(list)).isEqualTo(1);
        assertThat(GridKt._getFormattedRow(list, 0)).startsWith("greetings.jsonl", "103 B", sha.substring(0, 12) + "…",
                "manager");

        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(_get(result, Span.class, spec -> spec.withClasses("quarantined")).getText()).isEqualTo("将隔离 1 行");
        assertThat(list.getColumns().get(0).getHeaderText()).isEqualTo("名称");
    }

    @Test
    void aWrongOffsetShouldAnswerWhatTheServerHoldsAndTheUploadGoesOnFromThere() {
        String id = start("f2-abc", "resumed.jsonl", ROWS.length, "");
        assertThat(append(id, 0, Arrays.copyOfRange(ROWS, 0, 30)).status()).isEqualTo(200);
        // the browser lost the answer of a chunk that did arrive and sends it again
        ChunkReceiver.Answer stale = append(id, 0, Arrays.copyOfRange(ROWS, 0, 30));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("received").asLong()).isEqualTo(30);
        assertThat(stale.body().path("error").asText()).contains("expected offset 30");
        // a chunk broken off half-way: the server kept 10 of its bytes
        assertThat(append(id, 30, Arrays.copyOfRange(ROWS, 30, 40)).status()).isEqualTo(200);
        ChunkReceiver.Answer status = step(params("op", "status", "id", id), null);
        assertThat(status.body().path("received").asLong()).isEqualTo(40);
        ChunkReceiver.Answer early = step(params("op", "finish", "id", id), null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().path("received").asLong()).isEqualTo(40);

        assertThat(append(id, 40, Arrays.copyOfRange(ROWS, 40, ROWS.length)).status()).isEqualTo(200);
        ChunkReceiver.Answer finished = step(params("op", "finish", "id", id), null);
        assertThat(finished.status()).as(finished.body().toString()).isEqualTo(200);
        assertThat(finished.body().path("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(Sha256.digest().digest(ROWS)));
        assertThat(panel.receiver().outcome("f2-abc")).isInstanceOf(ChunkReceiver.Stored.class);
    }

    @Test
    void anEmptyFileShouldShowTheEnginesMessageOnThatFile() {
        ChunkReceiver.Answer answer = step(params("op", "start", "key", "f3-abc", "name", "empty.jsonl", "size", "0"),
                null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).contains("empty.jsonl").contains("at least 1 byte");

        fire("source-failed", "f3-abc");

        UploadResult result = _get(panel, UploadResult.class);
        assertThat(result.getElement().getAttribute("slot")).isEqualTo("file-f3-abc");
        assertThat(_get(result, Span.class, spec -> spec.withClasses("upload-error")).getText())
                .isEqualTo(answer.body().path("error").asText());
        assertThat(_find(panel, Grid.class, spec -> spec.withId("source-list"))).isEmpty(); // nothing stored
        assertThat(_get(panel, Span.class, spec -> spec.withClasses("source-list-empty")).getText())
                .isEqualTo("No source files yet.");
    }

    @Test
    void formEncodingsAndANameReusedWithOtherBytesShouldBeRefusedWithTheEnginesMessage() {
        ChunkReceiver.Answer form = step(params("op", "start", "key", "f4-abc", "name", "form.csv", "size", "10",
                "type", "application/x-www-form-urlencoded"), null);
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.body().path("error").asText()).contains("form encoding");

        String first = start("f5-abc", "same.jsonl", ROWS.length, "");
        append(first, 0, ROWS);
        assertThat(step(params("op", "finish", "id", first), null).status()).isEqualTo(200);
        byte[] other = "{\"id\":\"9\",\"text\":\"other\"}\n".getBytes(StandardCharsets.UTF_8);
        String second = start("f6-abc", "same.jsonl", other.length, "");
        append(second, 0, other);
        ChunkReceiver.Answer reused = step(params("op", "finish", "id", second), null);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.body().has("received")).isFalse(); // not resumable: the session is over
        fire("source-failed", "f6-abc");
        assertThat(_get(panel, Span.class, spec -> spec.withClasses("upload-error")).getText())
                .contains("already exists").contains("other content");
    }

    @Test
    void onlySessionsOfThisPanelAndKnownStepsShouldBeServed() {
        long otherVersion = fileDemand("sources-other-" + System.nanoTime()).versionId();
        SourceUploads.Session foreign = uploads.start(otherVersion, "x.jsonl", 5, null, manager);
        assertThat(append(foreign.uploadId(), 0, "abcde".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(404);
        assertThat(step(params("op", "drop-table"), null).status()).isEqualTo(400);

        signIn("ann1");
        ChunkReceiver.Answer annotator = panel.receiver().handle(params("op", "start", "key", "f7-abc", "name",
                "a.jsonl", "size", "5")::get, InputStream.nullInputStream(), CurrentUser.get());
        assertThat(annotator.status()).isEqualTo(403);
    }

    @Test
    void shouldSpeakChinese() {
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(panel.element().getElement().getPropertyRaw("texts").toString()).contains("把文件拖到这里");
        assertThat(_get(panel, com.vaadin.flow.component.html.H3.class).getText()).isEqualTo("源文件");
    }
}
