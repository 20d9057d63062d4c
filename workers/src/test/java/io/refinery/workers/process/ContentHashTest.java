package io.refinery.workers.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void shouldBeSha256HexOfUtf8() {
        assertThat(ContentHash.of("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(ContentHash.of("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void shouldHashChineseAsUtf8() {
        assertThat(ContentHash.of("账单")).hasSize(64).matches("[0-9a-f]+").isNotEqualTo(ContentHash.of("帐单"));
    }
}
