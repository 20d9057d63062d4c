package io.refinery.workers.collect;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a JSONL or CSV source line by line into a {@link RowSink}: never holds more than one line (at most
 * {@link RowRules#maxLineBytes()} bytes) in memory. Bad input never throws: each rejected line is quarantined
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
        while (lines.next()) {
            long number = lines.number();
            byte[] bytes = lines.bytes();
            if (lines.tooLong()) {
                QuarantineReason reason = QuarantineReason.lineTooLong(lines.totalBytes(), rules.maxLineBytes());
                parser.rejectedBeforeParsing(number, reason);
                quarantine(sink, counter, source, number, reason, LineDecoder.raw(bytes, lines.start(), lines.end()));
                continue;
            }
            String text = decoder.decode(bytes, lines.start(), lines.end());
            if (text == null) {
                QuarantineReason reason = QuarantineReason.invalidUtf8(decoder.errorOffset());
                parser.rejectedBeforeParsing(number, reason);
                quarantine(sink, counter, source, number, reason, LineDecoder.raw(bytes, lines.start(), lines.end()));
                continue;
            }
            if (text.isBlank()) {
                counter.blank();
                continue;
            }
            LineParser.Parsed parsed = parser.parse(number, text);
            QuarantineReason reason = parsed.row() != null ? validator.check(parsed.row()) : parsed.reason();
            if (reason != null) {
                quarantine(sink, counter, source, number, reason, LineDecoder.truncate(text));
            } else if (parsed.row() != null) {
                counter.accepted();
                sink.accepted(source, number, parsed.row());
            }
        }
        return counter.snapshot();
    }

    private static void quarantine(RowSink sink, CollectStats.Counter counter, String source, long line,
            QuarantineReason reason, String raw) {
        counter.quarantined(reason);
        sink.quarantined(source, line, reason.message(), raw);
    }
}
