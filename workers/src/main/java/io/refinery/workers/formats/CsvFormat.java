package io.refinery.workers.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV (RFC 4180 quoting, {@code \n} line ends, UTF-8) with the header
 * {@code id,text,label,annotation,split,source,line,meta}; {@code annotation} and {@code meta} hold compact JSON.
 * An empty cell is null. Quoted cells may span lines.
 */
public final class CsvFormat {

    public static final List<String> COLUMNS = List.of("id", "text", "label", "annotation", "split", "source", "line",
            "meta");

    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).get();

    private CsvFormat() {
    }

    public static ItemWriter writer(OutputStream out) throws IOException {
        CSVPrinter csv = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                64 * 1024), WRITE);
        csv.printRecord(COLUMNS);
        return new ItemWriter() {
            @Override
            public void write(DataItem item) throws IOException {
                csv.print(item.id());
                csv.print(item.text());
                csv.print(item.label());
                csv.print(ItemJson.compact(item.annotation()));
                csv.print(item.split());
                csv.print(item.source());
                csv.print(item.line());
                csv.print(ItemJson.compact(item.meta()));
                csv.println();
            }

            @Override
            public void close() throws IOException {
                csv.close();
            }
        };
    }

    /** Reads a CSV with at least a {@code text} column; other columns of {@link #COLUMNS} are optional. */
    public static void read(String source, InputStream in, ItemSink sink) throws IOException {
        CSVParser parser;
        try {
            parser = READ.parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            sink.rejected(source, 1, "invalid CSV header: " + Raw.firstLine(e.getMessage()), null);
            return;
        }
        Map<String, Integer> header = parser.getHeaderMap();
        if (header == null || !header.containsKey("text")) {
            sink.rejected(source, 1, "CSV header has no \"text\" column", header == null ? null : header.keySet().toString());
            return;
        }
        Iterator<CSVRecord> records = parser.iterator();
        long last = 1;
        while (true) {
            CSVRecord r;
            try {
                if (!records.hasNext()) {
                    break;
                }
                r = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                sink.rejected(source, last + 1, "invalid CSV after line " + last + ": " + Raw.firstLine(e.getMessage())
                        + " (the rest of the file is not read)", null);
                break;
            }
            long line = r.getParser().getCurrentLineNumber();
            long first = last + 1;
            last = line;
            if (!r.isConsistent()) {
                sink.rejected(source, first, "expected " + header.size() + " columns, found " + r.size(),
                        Raw.cut(String.join(",", r.toList())));
                continue;
            }
            try {
                sink.item(source, first, new DataItem(cell(r, "id"), cell(r, "text"), cell(r, "label"),
                        json(r, "annotation"), cell(r, "split"), cell(r, "source"), number(r, "line"), json(r, "meta")));
            } catch (IllegalArgumentException e) {
                sink.rejected(source, first, e.getMessage(), Raw.cut(String.join(",", r.toList())));
            }
        }
    }

    private static String cell(CSVRecord r, String column) {
        if (!r.isMapped(column)) {
            return null;
        }
        String v = r.get(column);
        return v.isEmpty() ? null : v;
    }

    private static long number(CSVRecord r, String column) {
        String v = cell(r, column);
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field \"" + column + "\" is not a whole number: " + v);
        }
    }

    private static JsonNode json(CSVRecord r, String column) {
        return ItemJson.parseCell(column, cell(r, column));
    }
}
