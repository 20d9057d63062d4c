package io.refinery.workflows.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private static List<String> split(String content, int max) throws IOException {
        LineSplitter lines = new LineSplitter(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), max);
        List<String> out = new ArrayList<>();
        while (lines.next()) {
            String kept = new String(lines.bytes(), lines.start(), lines.end() - lines.start(), StandardCharsets.UTF_8);
            out.add(lines.number() + ":" + lines.totalBytes() + ":" + (lines.tooLong() ? "LONG" : kept));
        }
        return out;
    }

    @Test
    void shouldSplitOnNewlineAndStripOneCarriageReturn() throws IOException {
        assertThat(split("a\r\nbb\n\r\n\r\r\nccc", 10)).containsExactly("1:1:a", "2:2:bb", "3:0:", "4:1:\r", "5:3:ccc");
    }

    @Test
    void shouldNotInventALineAfterTheFinalNewline() throws IOException {
        assertThat(split("a\n", 10)).containsExactly("1:1:a");
        assertThat(split("\n", 10)).containsExactly("1:0:");
        assertThat(split("", 10)).isEmpty();
    }

    @Test
    void shouldCountTheFullLengthOfTooLongLines() throws IOException {
        assertThat(split("12345\n123456\r\n1234567\nok", 6))
                .containsExactly("1:5:12345", "2:6:123456", "3:7:LONG", "4:2:ok");
    }

    @Test
    void shouldHandleLinesLongerThanTheReadChunk() throws IOException {
        String longLine = "x".repeat(40_000);
        assertThat(split(longLine + "\n" + longLine, 50_000)).containsExactly("1:40000:" + longLine, "2:40000:" + longLine);
    }
}
