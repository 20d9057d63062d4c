package io.refinery.workers.formats;

/** Receives what a format reader found, one record at a time, in file order; bad records never stop the read. */
public interface ItemSink {

    /** A good record; {@code record} is its 1-based line (text formats) or position in the file. */
    void item(String source, long record, DataItem item);

    /**
     * A record that cannot be read; {@code reason} names the field or element that is wrong, {@code raw} is the
     * record as text (at most 1,000 characters), or null.
     */
    void rejected(String source, long record, String reason, String raw);
}
