package io.refinery.workflows.streams;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Counts the bytes that reached the stream below (what went to a client, how much of an upload was stored), feeds
 * them to a digest once they did (so the hash always covers exactly the counted bytes), and refuses a write that
 * would go past a limit before any of it is passed on.
 */
public final class CountingOutputStream extends FilterOutputStream {

    /** A write would have gone past the limit; nothing of it was written. */
    public static final class LimitExceeded extends IOException {
        private final long limit;

        LimitExceeded(long limit) {
            super("more than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private final long limit;
    private final MessageDigest digest;
    private long count;

    /** Counts without a limit or a digest. */
    public CountingOutputStream(OutputStream out) {
        this(out, Long.MAX_VALUE, null);
    }

    /** Counts, refuses bytes past {@code limit} and, unless {@code digest} is null, hashes what was written. */
    public CountingOutputStream(OutputStream out, long limit, MessageDigest digest) {
        super(out);
        this.limit = limit;
        this.digest = digest;
    }

    @Override
    public void write(int b) throws IOException {
        refuseBeyondLimit(1);
        out.write(b);
        count++;
        if (digest != null) {
            digest.update((byte) b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        refuseBeyondLimit(len);
        out.write(b, off, len);
        count += len;
        if (digest != null) {
            digest.update(b, off, len);
        }
    }

    private void refuseBeyondLimit(int len) throws LimitExceeded {
        if (len > limit - count) {
            throw new LimitExceeded(limit);
        }
    }

    /** The bytes written so far. */
    public long count() {
        return count;
    }

    /**
     * Copies {@code in} here in 64 KiB reads until it ends; returns {@link #count}. When reading or writing fails
     * (a client gone mid-upload, the limit), {@link #count} still says how many bytes got through.
     */
    public long copyFrom(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            write(buffer, 0, n);
        }
        return count;
    }
}
