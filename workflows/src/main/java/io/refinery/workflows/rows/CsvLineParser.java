package io.refinery.workflows.rows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV (RFC 4180 quoting, comma separator) with a header line: the first non-blank record. Gets whole records, a
 * quoted field's line breaks included ({@link CsvRecords} joins the lines), numbered by their first line.
 * If the header line itself is unusable, every later row is quarantined naming the header's problem.
 */
final class CsvLineParser implements LineParser {

    private List<String> header;
    private long headerLine;
    private String headerProblem;

    @Override
    public Parsed parse(long line, String text) {
        if (headerProblem != null) {
            return Parsed.rejected(QuarantineReason.noCsvHeader(headerLine, headerProblem));
        }
        List<String> values;
        try {
            values = parseRecord(text);
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            QuarantineReason reason = QuarantineReason.invalidCsv(cause.getMessage());
            if (header == null) {
                rejectedBeforeParsing(line, reason);
            }
            return Parsed.rejected(reason);
        }
        if (header == null) {
            return readHeader(line, values);
        }
        if (values.size() != header.size()) {
            return Parsed.rejected(QuarantineReason.columnCount(header.size(), values.size()));
        }
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < values.size(); i++) {
            row.put(header.get(i), values.get(i));
        }
        return Parsed.row(row);
    }

    @Override
    public void rejectedBeforeParsing(long line, QuarantineReason reason) {
        if (header == null && headerProblem == null) {
            headerLine = line;
            headerProblem = reason.message();
        }
    }

    private Parsed readHeader(long line, List<String> values) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String name = values.get(i).strip();
            String problem = name.isEmpty() ? "empty column name at position " + (i + 1)
                    : !seen.add(name) ? "duplicate column \"" + name + "\"" : null;
            if (problem != null) {
                rejectedBeforeParsing(line, new QuarantineReason(QuarantineReason.INVALID_CSV, problem));
                return Parsed.rejected(QuarantineReason.invalidCsv("header: " + problem));
            }
            names.add(name);
        }
        header = List.copyOf(names);
        headerLine = line;
        return Parsed.CONSUMED;
    }

    private static List<String> parseRecord(String text) throws IOException {
        try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(text))) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new IllegalStateException("expected one record, found " + records.size());
            }
            return records.get(0).toList();
        }
    }
}
