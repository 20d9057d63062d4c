package io.refinery.workflows.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The byte count, the limit and the digest of {@link CountingOutputStream}. */
class CountingOutputStreamTest {

    @Test
    void shouldCountAndHashWhatWasWritten() throws Exception {
        ByteArrayOutputStream below = new ByteArrayOutputStream();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        CountingOutputStream out = new CountingOutputStream(below, 100, sha);
        out.write('a');
        assertThat(out.copyFrom(new ByteArrayInputStream("bc".getBytes(StandardCharsets.UTF_8)))).isEqualTo(3);
        assertThat(below.toString(StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("abc".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void shouldRefuseAWritePastTheLimitAndPassNothingOfItOn() throws Exception {
        ByteArrayOutputStream below = new ByteArrayOutputStream();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        CountingOutputStream out = new CountingOutputStream(below, 4, sha);
        out.write(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> out.write(new byte[] {4, 5})).isInstanceOf(CountingOutputStream.LimitExceeded.class)
                .hasMessage("more than 4 bytes");
        out.write(4);
        assertThatThrownBy(() -> out.write(5)).isInstanceOf(CountingOutputStream.LimitExceeded.class);
        assertThat(out.count()).isEqualTo(4);
        assertThat(below.toByteArray()).containsExactly(1, 2, 3, 4);
        assertThat(sha.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3, 4}));
    }

    @Test
    void shouldCountWithoutALimit() throws Exception {
        CountingOutputStream out = new CountingOutputStream(java.io.OutputStream.nullOutputStream());
        out.copyFrom(new ByteArrayInputStream(new byte[200_000]));
        assertThat(out.count()).isEqualTo(200_000);
    }
}
