package io.refinery.workflows.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvRowReaderTest {

    private final RowReader reader = new RowReader();
    private final RowSample sink = RowSample.all();

    private CollectStats read(String content) throws IOException {
        return reader.read("export.csv", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), sink);
    }

    @Test
    void shouldTurnRowsIntoObjectsKeyedByTheHeader() throws IOException {
        CollectStats stats = read("id, text ,channel\n1,\"账单, 有问题\",app\n2,\"she said \"\"hi\"\"\",web\n");

        assertThat(sink.rows()).hasSize(2);
        assertThat(sink.rows().get(0).line()).isEqualTo(2);
        assertThat(sink.rows().get(0).row().toString())
                .isEqualTo("{\"id\":\"1\",\"text\":\"账单, 有问题\",\"channel\":\"app\"}");
        assertThat(sink.rows().get(1).row().get("text").asText()).isEqualTo("she said \"hi\"");
        assertThat(stats.accepted()).isEqualTo(2);
        assertThat(stats.quarantined()).isZero();
    }

    @Test
    void shouldQuarantineRowsWithTheWrongColumnCountOrBadFields() throws IOException {
        CollectStats stats = read("""
                id,text,channel,lang,score
                1,hello,app,en,3
                2,short,app
                3,a,b,c,d,e
                ,no id,app,en,1
                4,,app,en,1
                5,"unterminated,app,en,1
                """);

        assertThat(sink.reasons()).hasSize(5);
        assertThat(sink.reasons().subList(0, 4)).containsExactly(
                "3: expected 5 columns, found 3",
                "4: expected 5 columns, found 6",
                "5: field \"id\" is blank",
                "6: field \"text\" is blank");
        assertThat(sink.reasons().get(4)).startsWith("7: invalid CSV: ");
        assertThat(stats.quarantinedByReason()).containsEntry("wrong column count", 2L).containsEntry("blank field", 2L)
                .containsEntry("invalid CSV", 1L);
        assertThat(sink.rejected().get(0).raw()).isEqualTo("2,short,app");
    }

    @Test
    void shouldQuarantineInvalidUtf8RowsWithTheirLineNumber() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("id,text\r\n1,fine\r\n2,bad ".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes("\r\n3,also fine\r\n".getBytes(StandardCharsets.UTF_8));

        CollectStats stats = reader.read("e.csv", new ByteArrayInputStream(bytes.toByteArray()), sink);

        assertThat(sink.reasons()).containsExactly("3: invalid UTF-8 at byte offset 6");
        assertThat(sink.rejected().get(0).raw()).isEqualTo("2,bad \uFFFD");
        assertThat(sink.rows()).extracting(RowSample.Row::line).containsExactly(2L, 4L);
        assertThat(stats.accepted()).isEqualTo(2);
    }

    @Test
    void shouldUseTheFirstNonBlankLineAsHeaderAndSkipBlankLines() throws IOException {
        CollectStats stats = read("\n\nid,text\n\n1,a\n   \n2,b\n");

        assertThat(sink.rows()).extracting(RowSample.Row::line).containsExactly(5L, 7L);
        assertThat(stats.blank()).isEqualTo(4);
    }

    @Test
    void shouldQuarantineEveryRowWhenTheHeaderIsUnusable() throws IOException {
        read("id,text,id\n1,a,b\n2,c,d\n");

        assertThat(sink.reasons()).containsExactly(
                "1: invalid CSV: header: duplicate column \"id\"",
                "2: no valid CSV header (line 1: duplicate column \"id\")",
                "3: no valid CSV header (line 1: duplicate column \"id\")");
        assertThat(sink.rows()).isEmpty();
    }

    @Test
    void shouldQuarantineRowsAfterAHeaderWithInvalidBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("id,te".getBytes(StandardCharsets.UTF_8));
        bytes.write(0x80);
        bytes.writeBytes("xt\n1,a\n".getBytes(StandardCharsets.UTF_8));

        CollectStats stats = reader.read("h.csv", new ByteArrayInputStream(bytes.toByteArray()), sink);

        assertThat(sink.reasons()).containsExactly("1: invalid UTF-8 at byte offset 5",
                "2: no valid CSV header (line 1: invalid UTF-8 at byte offset 5)");
        assertThat(stats.quarantinedByReason()).containsEntry("invalid UTF-8", 1L)
                .containsEntry("no valid CSV header", 1L);
    }

    @Test
    void shouldRejectEmptyHeaderNames() throws IOException {
        read("id,,text\n1,2,3\n");

        assertThat(sink.reasons()).first().isEqualTo("1: invalid CSV: header: empty column name at position 2");
    }

    @Test
    void shouldKeepLineBreaksInsideQuotedFieldsAndNumberTheRecordByItsFirstLine() throws IOException {
        CollectStats stats = read("id,text\n1,\"first\nsecond\"\n2,ok\n3,\"para one\n\npara two\"\n"
                + "4,\"he said \"\"\nhi\"\"\"\n");

        assertThat(sink.rejected()).isEmpty();
        assertThat(sink.rows()).extracting(RowSample.Row::line).containsExactly(2L, 4L, 5L, 8L);
        assertThat(sink.rows()).extracting(a -> a.row().get("text").asText())
                .containsExactly("first\nsecond", "ok", "para one\n\npara two", "he said \"\nhi\"");
        assertThat(stats.blank()).isZero(); // the blank line belongs to the quoted field
    }

    @Test
    void shouldJoinTheLinesOfACrLfFileWithLineFeeds() throws IOException {
        read("id,text\r\n1,\"a\r\nb\"\r\n2,c\r\n");

        assertThat(sink.rows()).extracting(a -> a.row().get("text").asText()).containsExactly("a\nb", "c");
    }

    @Test
    void shouldQuarantineOnlyTheLineOfAQuoteThatIsNeverClosedAndKeepTheRowsAfterIt() throws IOException {
        CollectStats stats = read("id,text\n1,\"oops\n2,fine\n\n3,also fine\n");

        assertThat(sink.reasons()).containsExactly(
                "2: invalid CSV: the quoted field opened on line 2 is not closed by the end of the file");
        assertThat(sink.rejected().get(0).raw()).isEqualTo("1,\"oops");
        assertThat(sink.rows()).extracting(RowSample.Row::line).containsExactly(3L, 5L);
        assertThat(stats.accepted()).isEqualTo(2);
        assertThat(stats.blank()).isEqualTo(1);
    }

    @Test
    void shouldGiveUpAnOpenQuoteAtTheLengthLimitWithoutBufferingTheRestOfTheFile() throws IOException {
        RowReader small = new RowReader(new RowRules(RowRules.defaults().requiredFields(), "text",
                RowRules.defaults().maxTextChars(), 40));
        StringBuilder csv = new StringBuilder("id,text\n1,\"stray quote\n");
        for (int i = 2; i <= 50; i++) {
            csv.append(i).append(",row ").append(i).append('\n');
        }

        CollectStats stats = small.read("big.csv", new ByteArrayInputStream(csv.toString().getBytes(
                StandardCharsets.UTF_8)), sink);

        assertThat(sink.reasons()).containsExactly(
                "2: invalid CSV: the quoted field opened on line 2 is still open at line 6 after 40 characters");
        assertThat(stats.accepted()).isEqualTo(49);
        assertThat(sink.rows().get(0).line()).isEqualTo(3L);
    }

    @Test
    void shouldStopAnOpenQuoteAtAnUnreadableLineAndReadOnAfterIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("id,text\n1,\"open\n2,kept\n3,bad ".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes("\n4,\"two\nlines\"\n".getBytes(StandardCharsets.UTF_8));

        reader.read("e.csv", new ByteArrayInputStream(bytes.toByteArray()), sink);

        assertThat(sink.reasons()).containsExactly(
                "2: invalid CSV: the quoted field opened on line 2 is not closed before the unreadable line 4",
                "4: invalid UTF-8 at byte offset 6");
        assertThat(sink.rows()).extracting(RowSample.Row::line).containsExactly(3L, 5L);
        assertThat(sink.rows().get(1).row().get("text").asText()).isEqualTo("two\nlines");
    }

    @Test
    void shouldOpenAQuoteOnlyAtTheStartOfAField() {
        assertThat(CsvRecords.quoteOpenAfter("1,5\" screen,x", false)).isFalse();
        assertThat(CsvRecords.quoteOpenAfter("1,\"a \"\"b\"\" c", false)).isTrue();
        assertThat(CsvRecords.quoteOpenAfter("1,\"closed\",\"", false)).isTrue();
        assertThat(CsvRecords.quoteOpenAfter("still inside\"\" here", true)).isTrue();
        assertThat(CsvRecords.quoteOpenAfter("closes\" here,2", true)).isFalse();
    }

    @Test
    void shouldStripAByteOrderMarkFromTheHeader() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.writeBytes("id,text\n1,a\n".getBytes(StandardCharsets.UTF_8));
        InputStream in = new ByteArrayInputStream(bytes.toByteArray());

        reader.read("bom.csv", in, sink);

        assertThat(sink.rows()).singleElement().satisfies(a -> assertThat(a.row().has("id")).isTrue());
    }
}
