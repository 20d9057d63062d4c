package io.refinery.workflows.rows;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a JSONL or CSV source record by record into a {@link RowSink}: never holds more than one line (at most
 * {@link RowRules#maxLineBytes()} bytes) in memory, or for a CSV record whose quoted field spans lines, its lines up to
 * that many characters in all ({@link CsvRecords}). Bad input never throws: each rejected line is quarantined
 * with its 1-based physical line number and a reason. Blank lines are skipped and counted. A UTF-8 byte order
 * mark on line 1 is ignored. I/O errors of the stream itself propagate.
 */
public final class RowReader {

    private final RowRules rules;

    public RowReader() {
        this(RowRules.defaults());
    }

    public RowReader(RowRules rules) {
        this.rules = rules;
    }

    /** Reads {@code source}, choosing the format from its extension ({@code .jsonl}, {@code .ndjson}, {@code .csv}). */
    public CollectStats read(String source, InputStream in, RowSink sink) throws IOException {
        SourceFormat format = SourceFormat.fromFileName(source).orElseThrow(() -> new IllegalArgumentException(
                "cannot tell the format of \"" + source + "\" from its extension (.jsonl, .ndjson or .csv)"));
        return read(source, in, format, sink);
    }

    /** Reads {@code in} as {@code format}; {@code source} names it in the sink calls. */
    public CollectStats read(String source, InputStream in, SourceFormat format, RowSink sink) throws IOException {
        LineSplitter lines = new LineSplitter(in, rules.maxLineBytes());
        LineDecoder decoder = new LineDecoder();
        LineParser parser = format == SourceFormat.CSV ? new CsvLineParser() : new JsonLineParser();
        RowValidator validator = new RowValidator(rules);
        CollectStats.Counter counter = new CollectStats.Counter();
        // a CSV record may span lines (a quoted field with line breaks); a JSONL record is one line
        CsvRecords records = format == SourceFormat.CSV ? new CsvRecords(rules.maxLineBytes()) : null;
        CsvRecords.Out out = new CsvRecords.Out() {
            @Override
            public void record(long line, String text) {
                parse(source, line, text, parser, validator, counter, sink);
            }

            @Override
            public void unclosed(long line, String text, QuarantineReason reason) {
                parser.rejectedBeforeParsing(line, reason);
                quarantine(sink, counter, source, line, reason, LineDecoder.truncate(text));
            }
        };
        while (lines.next()) {
            long number = lines.number();
            byte[] bytes = lines.bytes();
            QuarantineReason unreadable = null;
            String text = null;
            if (lines.tooLong()) {
                unreadable = QuarantineReason.lineTooLong(lines.totalBytes(), rules.maxLineBytes());
            } else {
                text = decoder.decode(bytes, lines.start(), lines.end());
                if (text == null) {
                    unreadable = QuarantineReason.invalidUtf8(decoder.errorOffset());
                }
            }
            if (unreadable != null) {
                if (records != null) {
                    records.unreadable(number, out);
                }
                parser.rejectedBeforeParsing(number, unreadable);
                quarantine(sink, counter, source, number, unreadable,
                        LineDecoder.raw(bytes, lines.start(), lines.end()));
            } else if (records != null) {
                records.add(number, text, out);
            } else {
                parse(source, number, text, parser, validator, counter, sink);
            }
        }
        if (records != null) {
            records.finish(out);
        }
        return counter.snapshot();
    }

    /** One record: blank ones are counted and skipped, the rest parsed, checked, and accepted or quarantined. */
    private static void parse(String source, long line, String text, LineParser parser, RowValidator validator,
            CollectStats.Counter counter, RowSink sink) {
        if (text.isBlank()) {
            counter.blank();
            return;
        }
        LineParser.Parsed parsed = parser.parse(line, text);
        QuarantineReason reason = parsed.row() != null ? validator.check(parsed.row()) : parsed.reason();
        if (reason != null) {
            quarantine(sink, counter, source, line, reason, LineDecoder.truncate(text));
        } else if (parsed.row() != null) {
            counter.accepted();
            sink.accepted(source, line, parsed.row());
        }
    }

    private static void quarantine(RowSink sink, CollectStats.Counter counter, String source, long line,
            QuarantineReason reason, String raw) {
        counter.quarantined(reason);
        sink.quarantined(source, line, reason.message(), raw);
    }
}
