package io.refinery.workflows.rows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins physical lines into CSV records (RFC 4180): a quoted field may hold line breaks, so a record whose quoted
 * field is still open at the end of a line goes on with the next one. A quote opens a field only at its start (as
 * Commons CSV reads it), {@code ""} inside quotes is a quote; the lines of one record are joined with {@code \n}
 * and reported with the number of the record's first line.
 *
 * <p>Memory stays bounded: the open lines of one record are kept up to {@code maxChars} characters in all. A quote
 * that is never closed (the file's own mistake) would swallow the rest of the file; instead, when the record grows
 * past the limit, meets an unreadable line, or the file ends, only the record's first line is rejected, naming the
 * line where the quote was opened and where the search stopped, and the lines after it are read again as records
 * of their own, so good rows after a stray quote are kept.
 */
final class CsvRecords {

    /** Where complete records and rejected first lines go. */
    interface Out {
        void record(long line, String text);

        void unclosed(long line, String text, QuarantineReason reason);
    }

    private record Line(long number, String text) {
    }

    private final int maxChars;
    private final ArrayDeque<Line> open = new ArrayDeque<>();
    private int openChars;

    CsvRecords(int maxChars) {
        this.maxChars = maxChars;
    }

    /** True while a record's quoted field is open: then even a blank line belongs to it. */
    boolean isOpen() {
        return !open.isEmpty();
    }

    /** One readable physical line. */
    void add(long number, String text, Out out) {
        if (open.isEmpty()) {
            if (quoteOpenAfter(text, false)) {
                open.add(new Line(number, text));
                openChars = text.length();
            } else {
                out.record(number, text);
            }
            return;
        }
        if ((long) openChars + 1 + text.length() > maxChars) {
            giveUp("is still open at line " + number + " after " + maxChars + " characters", out,
                    new Line(number, text));
            return;
        }
        open.add(new Line(number, text));
        openChars += 1 + text.length();
        if (!quoteOpenAfter(text, true)) {
            long first = open.peekFirst().number();
            StringBuilder record = new StringBuilder(openChars);
            for (Line line : open) {
                if (!record.isEmpty()) {
                    record.append('\n');
                }
                record.append(line.text());
            }
            open.clear();
            openChars = 0;
            out.record(first, record.toString());
        }
    }

    /** Line {@code number} could not be read (too long, not UTF-8): an open record cannot go on through it. */
    void unreadable(long number, Out out) {
        while (!open.isEmpty()) {
            giveUp("is not closed before the unreadable line " + number, out, null);
        }
    }

    /** The end of the file: a record still open is rejected, and the lines after its first are read again. */
    void finish(Out out) {
        while (!open.isEmpty()) {
            giveUp("is not closed by the end of the file", out, null);
        }
    }

    private void giveUp(String what, Out out, Line then) {
        Line first = open.pollFirst();
        List<Line> again = new ArrayList<>(open);
        open.clear();
        openChars = 0;
        out.unclosed(first.number(), first.text(), QuarantineReason.invalidCsv(
                "the quoted field opened on line " + first.number() + " " + what));
        for (Line line : again) {
            add(line.number(), line.text(), out);
        }
        if (then != null) {
            add(then.number(), then.text(), out);
        }
    }

    /** Whether a quoted field is open at the end of {@code text}, given whether one was open at its start. */
    static boolean quoteOpenAfter(String text, boolean inQuotes) {
        boolean fieldStart = !inQuotes;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        inQuotes = false;
                    }
                }
            } else if (c == '"' && fieldStart) {
                inQuotes = true;
                fieldStart = false;
            } else {
                fieldStart = c == ',';
            }
        }
        return inQuotes;
    }
}
