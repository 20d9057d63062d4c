package io.refinery.engine.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Outside XML is refused before any other parser sees it, with a message that says what and where. */
class SafeModelReaderTest {
    static final long TEN_MB = 10L * 1024 * 1024;
    private final SafeModelReader reader = new SafeModelReader(TEN_MB);

    static final String XXE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE definitions [
              <!ENTITY xxe SYSTEM "file:///etc/passwd">
            ]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
              <bpmn:process id="p" name="&xxe;" isExecutable="true"/>
            </bpmn:definitions>
            """;

    static final String BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
              <bpmn:process id="p" name="&lol9;" isExecutable="true"/>
            </bpmn:definitions>
            """;

    static final String MINIMAL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:vendor="http://vendor.example/ext" id="d" targetNamespace="x" vendor:tool="Other 1.0">
              <bpmn:process id="other" isExecutable="false"/>
              <bpmn:process id="p" name="P / 流程" isExecutable="true"><vendor:anything a="b"/></bpmn:process>
            </bpmn:definitions>
            """;

    @Test
    void shouldRefuseAnExternalEntityAndSayWhere() {
        assertThatThrownBy(() -> read("evil.bpmn", XXE))
                .isInstanceOfSatisfying(ModelRejected.class, e -> {
                    assertThat(e.code()).isEqualTo("xxe");
                    assertThat(e.line()).isNotNull();
                })
                .hasMessageStartingWith("'evil.bpmn', line ")
                .hasMessageContaining("external entities are not allowed")
                .hasMessageNotContaining("root:");
    }

    @Test
    void shouldRefuseAnEntityExpansionBomb() {
        assertThatThrownBy(() -> read("lol.bpmn", BILLION_LAUGHS))
                .isInstanceOfSatisfying(ModelRejected.class, e -> assertThat(e.code()).isEqualTo("entity-expansion"))
                .hasMessageContaining("'lol.bpmn'")
                .hasMessageContaining("entity declarations are not allowed");
    }

    @Test
    void shouldRefuseA50MegabyteFileAfterReadingJustOverTheLimit() {
        CountingStream fifty = new CountingStream(50L * 1024 * 1024);
        assertThatThrownBy(() -> reader.read("huge.bpmn", fifty))
                .isInstanceOfSatisfying(ModelRejected.class, e -> assertThat(e.code()).isEqualTo("too-large"))
                .hasMessage("'huge.bpmn': the file is too large (more than 10485760 bytes); the limit is 10 MB"
                        + " (10485760 bytes, setting refinery.models.max-bytes)");
        assertThat(fifty.served).as("bytes read of the 50 MB").isLessThanOrEqualTo(TEN_MB + 1);
    }

    @Test
    void shouldRefuseMalformedXmlWithLineAndColumn() {
        assertThatThrownBy(() -> read("bad.bpmn", "<?xml version=\"1.0\"?>\n<definitions xmlns=\"" + SafeModelReader.BPMN_NS
                + "\">\n  <b></definitions>"))
                .isInstanceOfSatisfying(ModelRejected.class, e -> {
                    assertThat(e.code()).isEqualTo("not-xml");
                    assertThat(e.line()).isEqualTo(3);
                })
                .hasMessageStartingWith("'bad.bpmn', line 3, column ")
                .hasMessageContaining("not well-formed XML");
    }

    @Test
    void shouldRefuseXmlThatIsNeitherBpmnNorDmn() {
        assertThatThrownBy(() -> read("pom.xml", "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"/>"))
                .isInstanceOfSatisfying(ModelRejected.class, e -> assertThat(e.code()).isEqualTo("not-bpmn"))
                .hasMessageContaining("root element is <project> in namespace http://maven.apache.org/POM/4.0.0");
    }

    @Test
    void shouldRefuseAnyDoctypeAndEmptyFilesAndPathsInNames() {
        assertThatThrownBy(() -> read("d.bpmn", "<!DOCTYPE x><x/>")).hasFieldOrPropertyWithValue("code", "doctype");
        assertThatThrownBy(() -> read("e.bpmn", "  \n")).hasFieldOrPropertyWithValue("code", "empty");
        assertThatThrownBy(() -> read("../e.bpmn", MINIMAL)).hasFieldOrPropertyWithValue("code", "bad-name");
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimit() {
        String deep = "<definitions xmlns=\"" + SafeModelReader.BPMN_NS + "\">" + "<a>".repeat(SafeModelReader.MAX_DEPTH)
                + "</a>".repeat(SafeModelReader.MAX_DEPTH) + "</definitions>";
        assertThatThrownBy(() -> read("deep.bpmn", deep)).hasFieldOrPropertyWithValue("code", "too-deep");
    }

    @Test
    void shouldKeepTheTextUnchangedAndFindTheExecutableProcess() {
        SafeModelReader.Parsed parsed = read("other.bpmn", MINIMAL);
        assertThat(parsed.kind()).isEqualTo(ModelKind.BPMN);
        assertThat(parsed.xml()).isEqualTo(MINIMAL);
        assertThat(parsed.key()).isEqualTo("p");
    }

    @Test
    void shouldTellDmnByItsNamespace() {
        String dmn = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"d\""
                + " namespace=\"x\"><decision id=\"qc\" name=\"QC\"/></definitions>";
        SafeModelReader.Parsed parsed = read("qc.dmn", dmn);
        assertThat(parsed.kind()).isEqualTo(ModelKind.DMN);
        assertThat(parsed.key()).isEqualTo("qc");
    }

    private SafeModelReader.Parsed read(String name, String xml) {
        return reader.read(name, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code size} bytes of a valid-looking BPMN, generated as they are read; counts what was served. */
    static final class CountingStream extends InputStream {
        private static final byte[] HEAD = ("<?xml version=\"1.0\"?><bpmn:definitions xmlns:bpmn=\""
                + SafeModelReader.BPMN_NS + "\"><!--").getBytes(StandardCharsets.US_ASCII);
        private final long size;
        long served;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (served >= size) {
                return -1;
            }
            int b = served < HEAD.length ? HEAD[(int) served] : 'x';
            served++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (served >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - served);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) read();
            }
            return n;
        }
    }
}
