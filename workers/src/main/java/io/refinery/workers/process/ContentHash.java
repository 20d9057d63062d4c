package io.refinery.workers.process;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits: the key of exact deduplication. */
public final class ContentHash {

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(ContentHash::sha256);
    private static final HexFormat HEX = HexFormat.of();

    private ContentHash() {
    }

    /** A content hash as text and its first 128 bits (the key {@link ExactDeduplicator} keeps). */
    public record Hashed(String hex, long high, long low) {
    }

    /** Thread-safe: one digest per thread, reused ({@code digest} resets it). */
    public static String of(String text) {
        return HEX.formatHex(DIGEST.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@link #of} with the first 128 bits as numbers. */
    public static Hashed hashed(String text) {
        byte[] digest = DIGEST.get().digest(text.getBytes(StandardCharsets.UTF_8));
        java.nio.ByteBuffer bits = java.nio.ByteBuffer.wrap(digest);
        return new Hashed(HEX.formatHex(digest), bits.getLong(0), bits.getLong(8));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
