package io.refinery.workflows.rows;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream on {@code \n} into physical lines, stripping one trailing {@code \r} and a UTF-8 byte
 * order mark on line 1. Keeps at most {@code maxBytes} bytes of a line: the rest of a longer line is counted
 * and skipped, never buffered.
 */
final class LineSplitter {

    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[16 * 1024];
    private int chunkPos;
    private int chunkLen;
    private boolean eof;

    private final byte[] line;
    private int length;
    private int start;
    private long totalBytes;
    private long number;

    LineSplitter(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.line = new byte[maxBytes + 1]; // room for a trailing \r after a line of exactly maxBytes
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        start = 0;
        totalBytes = 0;
        boolean newline = false;
        int last = -1;
        while (!newline) {
            if (chunkPos == chunkLen && !fill()) {
                break;
            }
            int from = chunkPos;
            int stop = from;
            while (stop < chunkLen && chunk[stop] != '\n') {
                stop++;
            }
            int n = stop - from;
            if (n > 0) {
                int copy = Math.min(line.length - length, n);
                if (copy > 0) {
                    System.arraycopy(chunk, from, line, length, copy);
                    length += copy;
                }
                totalBytes += n;
                last = chunk[stop - 1];
            }
            newline = stop < chunkLen;
            chunkPos = newline ? stop + 1 : stop;
        }
        if (!newline && totalBytes == 0) {
            return false;
        }
        number++;
        if (last == '\r') {
            totalBytes--;
            length = (int) Math.min(length, totalBytes);
        }
        if (number == 1 && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        return true;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(chunk);
        if (n < 0) {
            eof = true;
            return false;
        }
        chunkPos = 0;
        chunkLen = n;
        return true;
    }

    /** 1-based physical line number. */
    long number() {
        return number;
    }

    /** The kept bytes of the line; content is {@code [start(), end())}. */
    byte[] bytes() {
        return line;
    }

    /** Where content starts: 3 after a byte order mark on line 1, else 0. */
    int start() {
        return start;
    }

    int end() {
        return length;
    }

    /** Bytes of the whole line without its line end (may exceed what is kept). */
    long totalBytes() {
        return totalBytes;
    }

    boolean tooLong() {
        return totalBytes > maxBytes;
    }
}
