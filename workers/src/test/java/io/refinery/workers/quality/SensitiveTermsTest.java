package io.refinery.workers.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SensitiveTermsTest {

    @Test
    void shouldLoadOneTermPerLineIgnoringBlankLinesAndComments() throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource("sensitive-terms.txt").toURI());

        SensitiveTerms terms = SensitiveTerms.load(file);

        assertThat(terms.size()).isEqualTo(3);
        assertThat(terms.containsAny("status of PROJECT falcon")).isTrue();
        assertThat(terms.containsAny("这是机密")).isTrue();
        assertThat(terms.containsAny("内部价格表")).isTrue();
        assertThat(terms.containsAny("internal code names")).isFalse();
    }

    @Test
    void shouldMatchFullWidthAndOddSpacingAfterNormalization() {
        SensitiveTerms terms = SensitiveTerms.parse("project falcon\n");

        assertThat(terms.containsAny("ＰＲＯＪＥＣＴ\u3000Falcon")).isTrue();
        assertThat(terms.containsAny("project\t\tfalcon")).isTrue();
    }

    @Test
    void shouldMatchNothingWithoutTerms() {
        assertThat(SensitiveTerms.none().containsAny("anything")).isFalse();
        assertThat(SensitiveTerms.parse("\n# only a comment\n").size()).isZero();
        assertThat(SensitiveTerms.parse("a").containsAny(null)).isFalse();
    }
}
