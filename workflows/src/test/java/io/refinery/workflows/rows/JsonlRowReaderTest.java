package io.refinery.workflows.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonlRowReaderTest {

    private final RowReader reader = new RowReader();
    private final RowSample sink = RowSample.all();

    private CollectStats read(String content) throws IOException {
        return reader.read("tickets.jsonl", stream(content.getBytes(StandardCharsets.UTF_8)), sink);
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    @Test
    void shouldAcceptValidRowsWithPhysicalLineNumbers() throws IOException {
        CollectStats stats = read("""
                {"id":"1","text":"账单有问题","channel":"app"}

                {"id":"2","text":"where is my parcel"}
                """);

        assertThat(sink.rows()).extracting(RowSample.Row::line).containsExactly(1L, 3L);
        assertThat(sink.rows().get(0).row().get("channel").asText()).isEqualTo("app");
        assertThat(sink.rows().get(0).source()).isEqualTo("tickets.jsonl");
        assertThat(stats).isEqualTo(new CollectStats(2, 0, 1, new java.util.TreeMap<>()));
    }

    @Test
    void shouldQuarantineEachKindOfBadRowWithItsReason() throws IOException {
        CollectStats stats = read(String.join("\n",
                "{\"id\":1,\"text\":\"ok\"}",
                "{\"id\":2,\"text\":",
                "[1,2]",
                "\"just a string\"",
                "{\"id\":3}",
                "{\"text\":\"no id\"}",
                "{\"id\":4,\"text\":\"   \"}",
                "{\"id\":5,\"text\":null}",
                "{\"id\":6,\"text\":42}",
                "{\"id\":\"\",\"text\":\"blank id\"}",
                "{\"id\":7,\"text\":\"a\"} {\"id\":8}",
                "{\"id\":9,\"id\":10,\"text\":\"dup key\"}",
                "null"));

        assertThat(sink.reasons()).containsExactly(
                "2: invalid JSON: Unexpected end-of-input within/between Object entries",
                "3: not a JSON object",
                "4: not a JSON object",
                "5: missing field \"text\"",
                "6: missing field \"id\"",
                "7: field \"text\" is blank",
                "8: missing field \"text\"",
                "9: field \"text\" is not a string",
                "10: field \"id\" is blank",
                "11: invalid JSON: Trailing token (of type START_OBJECT) found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`",
                "12: invalid JSON: Duplicate field 'id'",
                "13: not a JSON object");
        assertThat(stats.accepted()).isEqualTo(1);
        assertThat(stats.quarantined()).isEqualTo(12);
        assertThat(stats.quarantinedByReason()).containsEntry("invalid JSON", 3L).containsEntry("not a JSON object", 3L)
                .containsEntry("missing field", 3L).containsEntry("blank field", 2L)
                .containsEntry("field not a string", 1L);
        assertThat(sink.rejected().get(1).raw()).isEqualTo("[1,2]");
        assertThat(sink.rejected()).allSatisfy(q -> assertThat(q.source()).isEqualTo("tickets.jsonl"));
    }

    @Test
    void shouldReportInvalidJsonWithTheFirstLineOfTheParserMessageOnly() throws IOException {
        read("{\"id\":1,\"text\":x}\n");

        assertThat(sink.rejected()).singleElement().satisfies(q -> {
            assertThat(q.reason()).startsWith("invalid JSON: Unrecognized token 'x'").doesNotContain("\n");
            assertThat(q.line()).isEqualTo(1);
        });
    }

    @Test
    void shouldCountTextLengthInCodePoints() throws IOException {
        String emoji = "😀".repeat(2000); // 4000 UTF-16 chars, 2000 code points
        String tooLong = "字".repeat(2001);
        read("{\"id\":1,\"text\":\"" + emoji + "\"}\n{\"id\":2,\"text\":\"" + tooLong + "\"}\n");

        assertThat(sink.rows()).extracting(RowSample.Row::line).containsExactly(1L);
        assertThat(sink.reasons()).containsExactly("2: field \"text\" too long (2001 chars > 2000)");
        assertThat(sink.rejected().get(0).raw()).hasSize(1000);
    }

    @Test
    void shouldQuarantineInvalidUtf8NamingTheByteOffsetAndKeepAReadableRaw() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"id\":1,\"text\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("{\"id\":2,\"text\":\"ab".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xC3); // lead byte without continuation
        bytes.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'{', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '}', '\n'}); // encoded surrogate
        bytes.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF, '\n'}); // overlong '/'

        CollectStats stats = reader.read("t.jsonl", stream(bytes.toByteArray()), sink);

        assertThat(sink.reasons()).containsExactly(
                "2: invalid UTF-8 at byte offset 18",
                "3: invalid UTF-8 at byte offset 1",
                "4: invalid UTF-8 at byte offset 0");
        assertThat(sink.rejected().get(0).raw()).isEqualTo("{\"id\":2,\"text\":\"ab\uFFFD\"}");
        assertThat(stats.quarantinedByReason()).containsEntry("invalid UTF-8", 3L);
        assertThat(stats.accepted()).isEqualTo(1);
    }

    @Test
    void shouldSkipTooLongLinesWithoutBufferingThemAndGoOn() throws IOException {
        String huge = "{\"id\":1,\"text\":\"" + "x".repeat(70_000) + "\"}";
        String exact = "{\"id\":2,\"text\":\"" + "y".repeat(1980) + "\"}";
        RowReader small = new RowReader(new RowRules(List.of("id", "text"), "text", 5000, 2000));
        byte[] content = (huge + "\r\n" + exact + "\r\n" + "{\"id\":3,\"text\":\"z\"}").getBytes(StandardCharsets.UTF_8);

        CollectStats stats = small.read("big.jsonl", stream(content), sink);

        int exactBytes = exact.getBytes(StandardCharsets.UTF_8).length;
        assertThat(sink.reasons()).containsExactly("1: line too long (" + huge.length() + " bytes > 2000)");
        assertThat(sink.rejected().get(0).raw()).hasSize(1000).startsWith("{\"id\":1,");
        assertThat(exactBytes).isLessThanOrEqualTo(2000);
        assertThat(sink.rows()).extracting(RowSample.Row::line).containsExactly(2L, 3L);
        assertThat(stats.quarantinedByReason()).containsEntry("line too long", 1L);
    }

    @Test
    void shouldAcceptALineOfExactlyTheLimitEvenWithACarriageReturn() throws IOException {
        String line = "{\"id\":1,\"text\":\"" + "a".repeat(100 - 18) + "\"}";
        assertThat(line.length()).isEqualTo(100);
        RowReader small = new RowReader(new RowRules(List.of("id", "text"), "text", 2000, 100));

        small.read("t.jsonl", stream((line + "\r\n" + line + "a\n").getBytes(StandardCharsets.UTF_8)), sink);

        assertThat(sink.rows()).extracting(RowSample.Row::line).containsExactly(1L);
        assertThat(sink.reasons()).containsExactly("2: line too long (101 bytes > 100)");
    }

    @Test
    void shouldHandleCrLfBomMissingFinalNewlineAndWhitespaceOnlyLines() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(bom);
        bytes.writeBytes("{\"id\":1,\"text\":\"a\"}\r\n \t \r\n\r\n{\"id\":2,\"text\":\"b\"}".getBytes(StandardCharsets.UTF_8));

        CollectStats stats = reader.read("t.ndjson", stream(bytes.toByteArray()), sink);

        assertThat(sink.rows()).extracting(RowSample.Row::line).containsExactly(1L, 4L);
        assertThat(sink.rows().get(0).row().get("id").asInt()).isEqualTo(1);
        assertThat(stats.blank()).isEqualTo(2);
        assertThat(stats.quarantined()).isZero();
    }

    @Test
    void shouldReadNothingFromAnEmptySource() throws IOException {
        CollectStats stats = read("");

        assertThat(stats).isEqualTo(CollectStats.empty());
        assertThat(sink.rows()).isEmpty();
    }

    @Test
    void shouldHonourConfiguredRequiredFieldsAndTextField() throws IOException {
        RowReader custom = new RowReader(new RowRules(List.of("ticket", "body"), "body", 10, 1024));

        custom.read("t.jsonl", stream("""
                {"ticket":"T1","body":"short"}
                {"ticket":"T2","body":"far too long here"}
                {"body":"x"}
                """.getBytes(StandardCharsets.UTF_8)), sink);

        assertThat(sink.rows()).hasSize(1);
        assertThat(sink.reasons()).containsExactly("2: field \"body\" too long (17 chars > 10)",
                "3: missing field \"ticket\"");
    }

    @Test
    void shouldChooseTheFormatByExtensionOrRefuseToGuess() {
        assertThat(SourceFormat.fromFileName("a/B.JSONL")).contains(SourceFormat.JSONL);
        assertThat(SourceFormat.fromFileName("b.ndjson")).contains(SourceFormat.JSONL);
        assertThat(SourceFormat.fromFileName("c.csv")).contains(SourceFormat.CSV);
        assertThat(SourceFormat.fromFileName("d.txt")).isEmpty();
        assertThatThrownBy(() -> reader.read("d.txt", stream(new byte[0]), sink))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"d.txt\"");
    }

    @Test
    void shouldReadAnExplicitFormatWhateverTheName() throws IOException {
        CollectStats stats = reader.read("upload-17", stream("{\"id\":1,\"text\":\"a\"}\n".getBytes(StandardCharsets.UTF_8)),
                SourceFormat.JSONL, sink);

        assertThat(stats.accepted()).isEqualTo(1);
    }

    @Test
    void shouldStreamAManyLineSourceWithSmallMemory() throws IOException {
        long lines = 200_000;
        InputStream generated = new InputStream() {
            private final byte[] line = "{\"id\":1,\"text\":\"hello world\"}\n".getBytes(StandardCharsets.UTF_8);
            private long produced;

            @Override
            public int read() {
                if (produced >= lines * line.length) {
                    return -1;
                }
                return line[(int) (produced++ % line.length)];
            }
        };
        long[] count = {0};
        RowSink counting = new RowSink() {
            @Override
            public void accepted(String source, long line, com.fasterxml.jackson.databind.node.ObjectNode row) {
                count[0] = line;
            }

            @Override
            public void quarantined(String source, long line, String reason, String raw) {
            }
        };

        CollectStats stats = reader.read("gen.jsonl", generated, counting);

        assertThat(stats.accepted()).isEqualTo(lines);
        assertThat(count[0]).isEqualTo(lines);
    }

    @Test
    void shouldAddStatsOfSeveralSources() {
        CollectStats a = new CollectStats(2, 1, 0, new java.util.TreeMap<>(java.util.Map.of("invalid JSON", 1L)));
        CollectStats b = new CollectStats(3, 2, 1, new java.util.TreeMap<>(java.util.Map.of("invalid JSON", 1L,
                "line too long", 1L)));

        assertThat(a.plus(b)).isEqualTo(new CollectStats(5, 3, 1, new java.util.TreeMap<>(java.util.Map.of(
                "invalid JSON", 2L, "line too long", 1L))));
    }
}
