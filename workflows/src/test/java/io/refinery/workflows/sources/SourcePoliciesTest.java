package io.refinery.workflows.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcePoliciesTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void urlPolicyAllowsListedHostsOnlyAndNoSpecialAddressesUnlessListedExactly() throws Exception {
        UrlPolicy policy = UrlPolicy.parse("data.example.com, *.cdn.example.org\n127.0.0.1");
        assertThat(policy.entries()).containsExactly("data.example.com", "127.0.0.1", "*.cdn.example.org");
        assertThatCode(() -> policy.check(URI.create("https://DATA.example.com/a.jsonl"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://eu.cdn.example.org:8443/a.csv"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://127.0.0.1:9/a.csv"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check(URI.create("https://cdn.example.org/a.csv")))
                .hasMessageContaining("not on the URL allow-list");
        assertThatThrownBy(() -> policy.check(URI.create("https://evil.com/a.csv"))).hasMessageContaining("evil.com");
        assertThatThrownBy(() -> policy.check(URI.create("ftp://data.example.com/a.csv"))).hasMessageContaining("http");
        assertThatThrownBy(() -> policy.check(URI.create("file:///etc/passwd"))).hasMessageContaining("http");
        assertThatThrownBy(() -> policy.check(URI.create("https://u:p@data.example.com/a.csv"))).hasMessageContaining("user");
        assertThatThrownBy(() -> policy.check(URI.create("http://169.254.169.254/latest/meta-data")))
                .hasMessageContaining("169.254.169.254");
        assertThatThrownBy(() -> policy.check(URI.create("http://[::1]/x"))).hasMessageContaining("not on the URL");

        URI wildcard = URI.create("https://eu.cdn.example.org/a.csv");
        for (String special : new String[] {"127.0.0.1", "169.254.169.254", "10.1.2.3", "172.16.0.9", "192.168.1.1",
                "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00::1"}) {
            assertThatThrownBy(() -> policy.checkAddresses(wildcard, new InetAddress[] {ip("8.8.8.8"), ip(special)}))
                    .as(special).hasMessageContaining("refused unless the exact host");
        }
        assertThatCode(() -> policy.checkAddresses(wildcard, new InetAddress[] {ip("93.184.216.34")}))
                .doesNotThrowAnyException();
        // listed exactly: an internal host an admin named on purpose
        UrlPolicy internal = UrlPolicy.parse("files.internal");
        assertThatCode(() -> internal.checkAddresses(URI.create("http://files.internal/a.csv"),
                new InetAddress[] {ip("10.0.0.5")})).doesNotThrowAnyException();
        assertThat(UrlPolicy.parse("").isEmpty()).isTrue();
        assertThatThrownBy(() -> UrlPolicy.parse("").check(URI.create("https://a.com/x"))).hasMessageContaining("empty");
    }

    @Test
    void urlSourcesAreWhitespaceSeparated() {
        assertThat(UrlPolicy.urls("url:https://a.com/x.jsonl  https://b.com/y.csv?a=1,2\nhttp://c.com/z.csv"))
                .extracting(URI::toString)
                .containsExactly("https://a.com/x.jsonl", "https://b.com/y.csv?a=1,2", "http://c.com/z.csv");
        assertThatThrownBy(() -> UrlPolicy.urls("url: ")).hasMessageContaining("no URL");
        assertThatThrownBy(() -> UrlPolicy.urls("url:https://a.com/" + "x".repeat(300))).hasMessageContaining("255");
    }

    @Test
    void folderRootsCompareRealPathsSoALinkCannotLeadOut(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path inside = Files.createDirectories(root.resolve("inbox"));
        Path outside = Files.createDirectories(tmp.resolve("secret"));
        Files.writeString(outside.resolve("rows.jsonl"), "{}\n");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(inside.resolve("leak.jsonl"), outside.resolve("rows.jsonl"));
        FolderRoots roots = new FolderRoots(List.of(root));

        assertThat(roots.resolve("inbox")).isEqualTo(inside.toRealPath());
        assertThat(roots.resolve(inside.toString())).isEqualTo(inside.toRealPath());
        assertThatThrownBy(() -> roots.resolve("escape")).hasMessageContaining("outside the allowed roots");
        assertThatThrownBy(() -> roots.resolve("../secret")).hasMessageContaining("outside the allowed roots");
        assertThatThrownBy(() -> roots.resolve("inbox/../../secret")).hasMessageContaining("outside the allowed roots");
        assertThatThrownBy(() -> roots.resolve(outside.toString())).hasMessageContaining("outside the allowed roots");
        assertThatThrownBy(() -> roots.resolve("missing")).hasMessageContaining("does not exist");
        assertThat(roots.contains(inside.resolve("leak.jsonl"))).as("a file linking out").isFalse();
        assertThatThrownBy(() -> new FolderRoots(List.of()).resolve("inbox")).hasMessageContaining("no folder roots");
    }
}
