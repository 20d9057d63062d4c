package io.refinery.workflows.rows;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes line bytes as strict UTF-8, reporting the offset of the first invalid byte. */
public final class LineDecoder {

    public static final int MAX_RAW_CHARS = 1000;

    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private int errorOffset = -1;
    private CharBuffer chars = CharBuffer.allocate(1024);

    /** The decoded text, or {@code null} if invalid; then {@link #errorOffset()} says where. */
    String decode(byte[] bytes, int from, int to) {
        errorOffset = -1;
        strict.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        if (chars.capacity() < to - from) {
            chars = CharBuffer.allocate(Math.max(to - from, chars.capacity() * 2));
        }
        CharBuffer out = chars.clear(); // UTF-8 never yields more UTF-16 chars than bytes; reused line after line
        CoderResult result = strict.decode(in, out, true);
        if (!result.isError()) {
            result = strict.flush(out);
        }
        if (result.isError()) {
            errorOffset = in.position(); // offset within the physical line (bytes array starts at the line)
            return null;
        }
        return out.flip().toString();
    }

    /** Byte offset, within the physical line, of the first invalid byte of the last failed decode. */
    int errorOffset() {
        return errorOffset;
    }

    /** The line decoded leniently (U+FFFD for invalid bytes), at most {@value #MAX_RAW_CHARS} chars. */
    static String raw(byte[] bytes, int from, int to) {
        int len = Math.min(to - from, MAX_RAW_CHARS * 4);
        return truncate(new String(bytes, from, len, StandardCharsets.UTF_8));
    }

    /** At most {@value #MAX_RAW_CHARS} chars of {@code text}, never cutting a surrogate pair. */
    public static String truncate(String text) {
        if (text.length() <= MAX_RAW_CHARS) {
            return text;
        }
        int end = MAX_RAW_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
