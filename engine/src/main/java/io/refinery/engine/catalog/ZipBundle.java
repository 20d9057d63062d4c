package io.refinery.engine.catalog;

import io.refinery.engine.system.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A release folder as a zip whose every byte is known before the first is sent: entries are STORED (no compression;
 * release files are JSONL, Parquet, images: little to gain, and compression would make the length unknowable), with
 * a fixed timestamp (1980-01-01 00:00) and the CRC-32 computed once per release. So the length is exact up front, the
 * same byte range always has the same bytes (HTTP Range resumes a download), and any range is written straight from
 * the files, never buffering the zip. No ZIP64: a release above 4 GB is refused with a clear message.
 */
final class ZipBundle {
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL = 0x06054b50;
    private static final int UTF8_NAMES = 0x0800;
    private static final int DOS_DATE_1980_01_01 = (1 << 5) | 1;
    private static final long MAX_32 = 0xFFFFFFFEL;

    /** One file of the bundle: path inside the release folder, its file, size and CRC-32. */
    record Entry(String path, Path file, long bytes, long crc32) {
    }

    /** A run of the zip's bytes: a header in memory, or a whole file. */
    private record Segment(byte[] bytes, Path file, long length) {
        void write(OutputStream out, long from, long count) throws IOException {
            if (bytes != null) {
                out.write(bytes, (int) from, (int) count);
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(from);
                byte[] buffer = new byte[64 * 1024];
                long left = count;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException(file + " is shorter than its manifest says");
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
        }
    }

    private final List<Segment> segments = new ArrayList<>();
    private final long length;

    /** {@code folder} prefixes every entry name, e.g. {@code news-1.1/}. */
    ZipBundle(String folder, List<Entry> entries) {
        if (entries.size() > 65_534) {
            throw ApiException.conflict("the release has " + entries.size() + " files, more than a zip without ZIP64"
                    + " holds; download its files one by one");
        }
        long offset = 0;
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Entry e : entries) {
            byte[] name = (folder + e.path()).getBytes(StandardCharsets.UTF_8);
            if (e.bytes() > MAX_32 || offset > MAX_32) {
                throw ApiException.conflict("the release is larger than 4 GB, which a zip without ZIP64 cannot hold;"
                        + " download its files one by one");
            }
            ByteArrayOutputStream local = new ByteArrayOutputStream(30 + name.length);
            int32(local, LOCAL_HEADER);
            int16(local, 10);
            common(local, e, name);
            local.write(name, 0, name.length);
            segments.add(new Segment(local.toByteArray(), null, local.size()));
            segments.add(new Segment(null, e.file(), e.bytes()));

            int32(central, CENTRAL_HEADER);
            int16(central, 20);
            int16(central, 10);
            common(central, e, name);
            int16(central, 0); // comment length
            int16(central, 0); // disk number
            int16(central, 0); // internal attributes
            int32(central, 0); // external attributes
            int32(central, offset);
            central.write(name, 0, name.length);
            offset += local.size() + e.bytes();
        }
        if (offset > MAX_32) {
            throw ApiException.conflict("the release is larger than 4 GB, which a zip without ZIP64 cannot hold;"
                    + " download its files one by one");
        }
        ByteArrayOutputStream end = new ByteArrayOutputStream(22);
        int32(end, END_OF_CENTRAL);
        int16(end, 0);
        int16(end, 0);
        int16(end, entries.size());
        int16(end, entries.size());
        int32(end, central.size());
        int32(end, offset);
        int16(end, 0);
        segments.add(new Segment(central.toByteArray(), null, central.size()));
        segments.add(new Segment(end.toByteArray(), null, end.size()));
        this.length = offset + central.size() + end.size();
    }

    /** From "version needed" on, the fields local and central headers share. */
    private static void common(ByteArrayOutputStream out, Entry e, byte[] name) {
        int16(out, UTF8_NAMES);
        int16(out, 0); // STORED
        int16(out, 0); // time 00:00:00
        int16(out, DOS_DATE_1980_01_01);
        int32(out, e.crc32());
        int32(out, e.bytes());
        int32(out, e.bytes());
        int16(out, name.length);
        int16(out, 0); // extra field length
    }

    long length() {
        return length;
    }

    /** Writes bytes {@code first..last} (inclusive) of the zip. */
    void write(OutputStream out, long first, long last) throws IOException {
        long position = 0;
        for (Segment s : segments) {
            long segmentEnd = position + s.length() - 1;
            if (segmentEnd >= first && position <= last) {
                long from = Math.max(first, position) - position;
                long to = Math.min(last, segmentEnd) - position;
                s.write(out, from, to - from + 1);
            }
            position += s.length();
            if (position > last) {
                break;
            }
        }
    }

    private static void int16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
    }

    private static void int32(ByteArrayOutputStream out, long v) {
        out.write((int) (v & 0xff));
        out.write((int) ((v >>> 8) & 0xff));
        out.write((int) ((v >>> 16) & 0xff));
        out.write((int) ((v >>> 24) & 0xff));
    }
}
