package io.refinery.workers.formats;

import java.io.Closeable;
import java.io.IOException;

/** Writes items of one format, in the order given; {@link #close()} finishes the file (and closes the stream). */
public interface ItemWriter extends Closeable {

    void write(DataItem item) throws IOException;
}
